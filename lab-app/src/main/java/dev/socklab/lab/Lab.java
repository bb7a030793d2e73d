package dev.socklab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where labs run: the repository (its compose files and captures/), the user's compose project
 * (COMPOSE_PROJECT_NAME, "socklab" by default) and the projects of the scenarios beside it
 * ({@code <project>-check}, {@code -compare}, {@code -bench}), which never touch the user's lab.
 */
public record Lab(Path root, String project) {

    public static Lab fromEnvironment() {
        String r = System.getenv("LAB_ROOT");
        Path root = (r == null || r.isBlank() ? Paths.get("") : Paths.get(r)).toAbsolutePath().normalize();
        // Not started by ./lab: the nearest folder up from here that holds the lab.
        for (Path p = root; (r == null || r.isBlank()) && p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isRegularFile(p.resolve("lab"))) {
                root = p;
                break;
            }
        }
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new LabFailure("no docker-compose.yml in " + root + ": run ./lab from the socklab folder");
        }
        String p = System.getenv("COMPOSE_PROJECT_NAME");
        return new Lab(root, p == null || p.isBlank() ? "socklab" : p.strip());
    }

    /** The scenario's own project beside the user's: never the user's running lab. */
    public Lab scenario(String name) {
        return new Lab(root, project + "-" + name);
    }

    /** A compose project on this lab's files, with the address plan and any other variables. */
    /**
     * Where a folder a running container names by the environment variable {@code variable} (a path under the bind
     * mount /captures: LAB_OUT, WIRE_DIR) lies on this host; null when the container sets none.
     */
    public Path capturesFolderOf(String container, String variable) {
        String prefix = variable + "=/captures/";
        for (com.fasterxml.jackson.databind.JsonNode env : Docker.inspect(container).path("Config").path("Env")) {
            String line = env.asText();
            if (line.startsWith(prefix) && line.length() > prefix.length()) {
                return root().resolve("captures").resolve(line.substring(prefix.length()).strip());
            }
        }
        return null;
    }

    public Compose compose(LabFile file, AddressPlan plan, Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put("LAB_NET", plan.net());
        env.put("LAB_NET6", plan.net6());   // what the IPv6 variants spell their addresses with: compose cannot derive it
        List<String> files = new ArrayList<>();
        LabFile lab = file.base() == null ? file : file.base();
        if (lab.addsToRoutedLab()) files.add(Labs.routed().path());   // bench adds to the routed lab
        if (file.base() != null) files.add(lab.path());   // an IPv6 variant adds to its lab
        files.add(file.path());
        return new Compose(root, project, files, env);
    }

    public Compose compose(LabFile file, AddressPlan plan) {
        return compose(file, plan, Map.of());
    }

    /**
     * The user's lab's addresses: LAB_NET when set; else 10.10 when no other network holds its subnets
     * (or only this project's own do); else the first free 10.N, said aloud by the caller. {@code nets}: the
     * engine's networks ({@link Docker#networkTable()}).
     */
    public AddressPlan userPlan(List<Docker.Network> nets) {
        String env = System.getenv("LAB_NET");
        if (env != null && !env.isBlank()) return new AddressPlan(env.strip());
        List<String> inUse = Docker.subnets(nets.stream().filter(n -> !n.project().equals(label())).toList());
        AddressPlan preferred = new AddressPlan(AddressPlan.DEFAULT_NET);
        return FreeNet.fits(preferred, inUse) ? preferred : FreeNet.first(11, inUse);
    }

    /** Claims held by this JVM's scenarios, by project: released when the project goes down, or at exit. */
    private static final Map<String, List<FreeNet.Claim>> CLAIMS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CLAIMS.values().forEach(l -> l.forEach(FreeNet.Claim::close))));
    }

    /**
     * A scenario's addresses: free ones, far from the user's labs, claimed (see {@link FreeNet}) until this
     * project's {@link #down()} or the end of the JVM. Never LAB_NET: that is the user's lab's prefix, and a
     * check or bench beside a lab started with LAB_NET=10.20 must not collide with it.
     */
    public AddressPlan scenarioPlan() {
        FreeNet.Claim claim = FreeNet.claim(FreeNet.SCENARIOS_FROM);
        CLAIMS.computeIfAbsent(label(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(claim);
        return claim.plan();
    }

    /** The project without a lab file: enough to find, stop and remove what it runs. */
    public Compose containers() {
        return new Compose(root, project, List.of(), Map.of());
    }

    public String label() {
        return containers().label();
    }

    /** Removes this project's containers and networks, whichever lab made them, and releases its claimed addresses. */
    public void down() {
        clear();
        List<FreeNet.Claim> held = CLAIMS.remove(label());
        if (held != null) held.forEach(FreeNet.Claim::close);
    }

    /**
     * Removes this project's containers and networks but keeps its claimed addresses: a scenario between two of its
     * labs on one plan. Released, the prefix could be claimed by another run before this one's next lab is up.
     */
    public void clear() {
        containers().down();
    }

    /**
     * Removes this project's lab first when its networks are of the other kind (IPv6 or not): compose cannot
     * change a network's enable_ipv6 in place. Says so when it does.
     */
    public void sameFamily(List<Docker.Network> nets, boolean ipv6, java.io.PrintWriter out) {
        if (nets.stream().noneMatch(n -> n.project().equals(label()) && n.ipv6() != ipv6)) return;
        Up.say(out, "the lab's networks are " + (ipv6 ? "IPv4 only" : "IPv6 ones") + ": removing the lab first (compose cannot change that in place)");
        down();
    }

    public boolean isUp() {
        return containers().isUp();
    }

    /** How long a lab may take to start and finish its run: generous, since 10 labs at once share 2 cores. */
    public static final Duration START = Duration.ofMinutes(5);
}
