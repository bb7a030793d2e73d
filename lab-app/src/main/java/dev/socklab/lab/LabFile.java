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
    /** For an IPv6 variant ({@link #ipv6()}): the lab it adds to; else null. */
    private final LabFile base;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<String> volumes = new ArrayList<>();
    private Map<String, Object> volumeOptions = Map.of();
    /** Whether it is added to docker-compose.yml (-f docker-compose.yml -f it) rather than run alone. */
    private boolean addsToRouted;

    LabFile(String path, String... header) {
        this(null, path, header);
    }

    private LabFile(LabFile base, String path, String... header) {
        this.base = base;
        this.path = path;
        this.header = List.of(header);
    }

    /** Options of lab-capture that add (a route, a fence) rather than choose: IPv6 keeps IPv4's and adds its own. */
    private static final Set<String> ADDITIVE = Set.of("--route", "--via", "--fence");
    /** Options that only pick an interface (by an address it holds): the IPv4 address still picks the same one. */
    private static final Set<String> NEUTRAL = Set.of("--address");

    /**
     * This lab over IPv6, derived by one rule, as a file added to this one ({@code -f this -f labs/...-ipv6.yml}):
     * every network gets its IPv6 subnet beside IPv4 (compose 1.29 cannot take enable_ipv6 from a variable, and
     * replaces a network's whole entry, so the variant restates both), every host its IPv6 address, routes
     * their IPv6 twins, and every address a program is given becomes its IPv6 twin ({@link AddressPlan#ipv6Twin}).
     */
    public LabFile ipv6() {
        if (base != null) return this;
        String name = path.equals("docker-compose.yml") ? "ipv6" : path.substring(path.lastIndexOf('/') + 1).replace(".yml", "-ipv6");
        String file = "labs/" + name + ".yml";
        String[] header = name.equals("ipv6")
                ? new String[] {"ipv6: the classic lab over IPv6, added to it by ./lab up --ipv6 (-f docker-compose.yml -f labs/ipv6.yml).",
                        "Each network gets an IPv6 (ULA) subnet beside IPv4, fd00:A:B:n::/64 beside LAB_NET A.B.n.0/24, and each host",
                        "the same digits (A.B.1.10 is fd00:A:B:1::10). Compose cannot derive it: LAB_NET6=fd00:A:B goes with LAB_NET.",
                        "Rendered from lab-app's topology model (dev.socklab.lab) by ./lab render, as are the other labs/*-ipv6.yml."}
                : new String[] {name.replace("-ipv6", "") + " over IPv6: added to " + path + " by --ipv6, as labs/ipv6.yml explains (rendered, as it is)."};
        LabFile v6 = new LabFile(this, file, header);
        for (Service s : services.values()) {
            Service o = new Service(s.name, s.kind);
            List<String> command = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (int i = 0; i < s.command.size(); i++) {
                String a = s.command.get(i);
                if (ADDITIVE.contains(a) && i + 1 < s.command.size()) {
                    String v4 = s.command.get(++i);
                    command.addAll(List.of(a, v4));
                    added.addAll(List.of(a, AddressPlan.ipv6Twin(v4)));
                } else if (NEUTRAL.contains(a) && i + 1 < s.command.size()) {
                    command.addAll(List.of(a, s.command.get(++i)));
                } else {
                    command.add(AddressPlan.ipv6Twin(a));
                }
            }
            command.addAll(added);
            if (!command.equals(s.command)) o.command.addAll(command);
            s.environment.forEach((k, v) -> {
                String six = AddressPlan.ipv6Twin(v);
                if (!six.equals(v)) o.environment.put(k.startsWith("ROUTE_") ? k.replace("ROUTE_", "ROUTE6_") : k, six);
            });
            if (s.extra.get("extra_hosts") instanceof List<?> hosts) {
                o.extra.put("extra_hosts", hosts.stream().map(h -> AddressPlan.ipv6Twin((String) h)).toList());
            }
            if (s.kind == Kind.ROUTER) o.extra.put("sysctls", Yaml.map("net.ipv6.conf.all.forwarding", "1"));
            // A namespace of its own with no IPv6 network: Docker turns IPv6 off in it, ::1 included.
            if ("none".equals(s.networkMode)) o.extra.put("sysctls", Yaml.map("net.ipv6.conf.all.disable_ipv6", "0"));
            o.addresses.putAll(s.addresses);
            if (!o.command.isEmpty() || !o.environment.isEmpty() || !o.extra.isEmpty() || !o.addresses.isEmpty()) {
                v6.services.put(o.name, o);
            }
        }
        return v6;
    }

    /** The lab an IPv6 variant adds to, or null for a lab. */
    public LabFile base() {
        return base;
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

    /** Whether the lab has this service (an IPv6 variant: whether the lab it adds to has it). */
    public boolean has(String name) {
        return services.containsKey(name) || base != null && base.has(name);
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
        if (base != null) return base.networks();
        Set<Network> used = EnumSet.noneOf(Network.class);
        services.values().forEach(s -> used.addAll(s.addresses.keySet()));
        return used;
    }

    /** The compose file's text. */
    public String render() {
        StringBuilder y = new StringBuilder();
        header.forEach(h -> y.append(h.isEmpty() ? "#" : "# " + h).append('\n'));
        if (base == null) y.append("# Rendered from lab-app's topology model (dev.socklab.lab.Labs) by ./lab render: edit there.\n");
        y.append("version: \"2.4\"\n");
        y.append("services:\n");
        for (Service s : services.values()) {
            if (base != null) {
                // One line for each service a variant changes: what IPv6 adds to it, as one entry.
                y.append("  ").append(s.name).append(": ").append(Yaml.flow(keys(s))).append('\n');
                continue;
            }
            if (!s.comment.isEmpty()) y.append("  # ").append(s.name).append(": ").append(s.comment).append('\n');
            wrap(y, "  " + s.name + ": ", Yaml.flowParts(keys(s)));
        }
        Set<Network> nets = networks();
        if (!nets.isEmpty()) {
            y.append("networks:\n");
            for (Network n : nets) {
                Map<String, Object> subnets = new LinkedHashMap<>();
                List<Object> config = new ArrayList<>(List.of(Yaml.map("subnet", AddressPlan.composeSubnet(n))));
                if (base != null) {
                    subnets.put("enable_ipv6", true);
                    config.add(Yaml.map("subnet", AddressPlan.composeSubnet6(n)));
                }
                subnets.put("ipam", Yaml.map("config", config));
                y.append("  ").append(n.composeName).append(": ").append(Yaml.flow(subnets)).append('\n');
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
        if (base != null) return variantKeys(s);
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

    /** An IPv6 variant's service: only what it adds to or changes in the lab's (compose merges the rest). */
    private static Map<String, Object> variantKeys(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!s.command.isEmpty()) m.put("command", s.command);
        if (!s.environment.isEmpty()) m.put("environment", s.environment);
        m.putAll(s.extra);
        if (!s.addresses.isEmpty()) {
            Map<String, Object> nets = new LinkedHashMap<>();
            s.addresses.forEach((n, host) -> nets.put(n.composeName, Yaml.map("ipv6_address", AddressPlan.composeAddress6(n, host))));
            m.put("networks", nets);
        }
        return m;
    }

    /** Service names in order, for messages. */
    public List<String> names() {
        return new ArrayList<>(services.keySet());
    }
}
