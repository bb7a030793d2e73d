package dev.socklab.lab;

import dev.socklab.lab.AddressPlan.Network;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One lab as a compose file: its services in start order, rendered to YAML with every address
 * spelled from {@link AddressPlan}. {@code path} is where the file lives in the repository.
 */
public final class LabFile {
    /** The kinds every lab's services extend: images and shared settings, written once. */
    public static final String KINDS = "labs/kinds.yml";

    private final String path;
    private final List<String> header;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<String> volumes = new ArrayList<>();
    private Map<String, Object> volumeOptions = Map.of();
    /** Whether it is added to docker-compose.yml (-f docker-compose.yml -f it) rather than run alone. */
    private boolean addsToRouted;

    LabFile(String path, String... header) {
        this.path = path;
        this.header = List.of(header);
    }

    public String path() {
        return path;
    }

    public List<Service> services() {
        return List.copyOf(services.values());
    }

    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) throw new IllegalArgumentException("no service " + name + " in " + path);
        return s;
    }

    /** A file added to docker-compose.yml: compose reads every path in it relative to the first file's folder. */
    LabFile addsToRouted() {
        addsToRouted = true;
        return this;
    }

    public boolean addsToRoutedLab() {
        return addsToRouted;
    }

    public boolean has(String name) {
        return services.containsKey(name);
    }

    Service add(String name, Kind kind) {
        Service s = new Service(name, kind);
        services.put(name, s);
        return s;
    }

    /** Named volumes of the local driver, all with the same options (written once, as a YAML anchor). */
    void tmpfsVolumes(Map<String, Object> driverOptions, String... names) {
        volumeOptions = driverOptions;
        volumes.addAll(List.of(names));
    }

    /** The named volumes it declares. */
    public List<String> volumes() {
        return List.copyOf(volumes);
    }

    /** The networks its services have addresses on. */
    public Set<Network> networks() {
        Set<Network> used = EnumSet.noneOf(Network.class);
        services.values().forEach(s -> used.addAll(s.addresses.keySet()));
        return used;
    }

    /** The compose file's text. */
    public String render() {
        StringBuilder y = new StringBuilder();
        header.forEach(h -> y.append(h.isEmpty() ? "#" : "# " + h).append('\n'));
        y.append("# Rendered from lab-app's topology model (dev.socklab.lab.Labs) by ./lab render: edit there.\n");
        y.append("version: \"2.4\"\n");
        y.append("services:\n");
        for (Service s : services.values()) {
            if (!s.comment.isEmpty()) y.append("  # ").append(s.name).append(": ").append(s.comment).append('\n');
            wrap(y, "  " + s.name + ": ", Yaml.flowParts(keys(s)));
        }
        Set<Network> nets = networks();
        if (!nets.isEmpty()) {
            y.append("networks:\n");
            for (Network n : nets) {
                y.append("  ").append(n.composeName).append(": {ipam: {config: [{subnet: \"")
                        .append(AddressPlan.composeSubnet(n)).append("\"}]}}\n");
            }
        }
        if (!volumes.isEmpty()) {
            y.append("volumes:\n");
            for (int i = 0; i < volumes.size(); i++) {
                y.append("  ").append(volumes.get(i)).append(": ")
                        .append(i == 0 ? "&files " + Yaml.flow(Yaml.map("driver_opts", volumeOptions)) : "*files").append('\n');
            }
        }
        return y.toString();
    }

    /** labs/kinds.yml: each kind once, as containerlab's kinds; every service of every lab extends one. */
    public static String renderKinds() {
        StringBuilder y = new StringBuilder();
        y.append("# The kinds of host every lab is built from (containerlab's kinds): each service of docker-compose.yml\n");
        y.append("# and labs/*.yml extends one. Paths here are relative to this folder.\n");
        y.append("# Rendered from lab-app's topology model (dev.socklab.lab.Kind) by ./lab render: edit there.\n");
        y.append("version: \"2.4\"\nservices:\n");
        for (Kind k : Kind.values()) {
            y.append("  # ").append(k.anchor).append(": ").append(k.comment).append('\n');
            wrap(y, "  " + k.anchor + ": ", Yaml.flowParts(k.keys("..", true)));
        }
        return y.toString();
    }

    /** A flow mapping over as many lines as it needs, each at most {@value #WIDTH} wide, continuations aligned. */
    private static void wrap(StringBuilder y, String lead, List<String> parts) {
        String indent = " ".repeat(lead.length() + 1);
        StringBuilder line = new StringBuilder(lead).append('{');
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i) + (i == parts.size() - 1 ? "}" : ",");
            if (line.length() > indent.length() && line.length() + 1 + p.length() > WIDTH) {
                y.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            } else if (i > 0) {
                line.append(' ');
            }
            line.append(p);
        }
        y.append(line).append('\n');
    }

    private static final int WIDTH = 118;

    /** A service's keys in the order a reader wants them: what it is, what it runs, where it sits, what it waits for. */
    private Map<String, Object> keys(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("extends", Yaml.map("file", path.contains("/") && !addsToRouted ? "kinds.yml" : KINDS, "service", s.kind.anchor));
        if (!s.command.isEmpty()) m.put("command", s.command);
        if (!s.environment.isEmpty()) m.put("environment", s.environment);
        m.putAll(s.extra);
        if (s.networkMode != null) m.put("network_mode", s.networkMode);
        if (!s.addresses.isEmpty()) {
            Map<String, Object> nets = new LinkedHashMap<>();
            s.addresses.forEach((n, host) -> nets.put(n.composeName, Yaml.map("ipv4_address", AddressPlan.composeAddress(n, host))));
            m.put("networks", nets);
        }
        if (!s.dependsOn.isEmpty()) {
            Map<String, Object> deps = new LinkedHashMap<>();
            s.dependsOn.forEach((d, w) -> deps.put(d, Yaml.map("condition",
                    w == Service.Wait.COMPLETED ? "service_completed_successfully" : "service_started")));
            m.put("depends_on", deps);
        }
        return m;
    }

    /** Service names in order, for messages. */
    public List<String> names() {
        return new ArrayList<>(services.keySet());
    }
}
