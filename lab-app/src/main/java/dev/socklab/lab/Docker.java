package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What compose does not say, asked of the engine's API ({@link EngineSocket}): a container's id, its wait, its logs, a signal,
 * an exec. The same questions as the docker CLI's, without a process for each.
 */
public final class Docker {
    private static final Duration QUICK = Duration.ofSeconds(60);

    private Docker() {
    }

    /** Ids of the containers (running or not) with all these labels, the newest first (as docker ps -aq). */
    public static List<String> containers(String... labels) {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : list("/containers/json?all=1&" + EngineSocket.labelFilter(labels))) ids.add(c.path("Id").asText());
        return ids;
    }

    public static List<String> networks(String... labels) {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : list("/networks?" + EngineSocket.labelFilter(labels))) ids.add(n.path("Id").asText());
        return ids;
    }

    public static List<String> volumes(String... labels) {
        EngineSocket.Answer a = EngineSocket.get("/volumes?" + EngineSocket.labelFilter(labels), QUICK);
        if (!a.ok()) throw new LabFailure(a.message());
        List<String> names = new ArrayList<>();
        for (JsonNode v : a.json().path("Volumes")) names.add(v.path("Name").asText());
        return names;
    }

    /** The compose service of each container with these labels, as service → id (the newest of a service's, if several). */
    public static Map<String, String> containersByService(String... labels) {
        List<String> lines = new ArrayList<>();
        for (JsonNode c : list("/containers/json?all=1&" + EngineSocket.labelFilter(labels))) {
            lines.add(c.path("Id").asText() + " " + c.path("Labels").path("com.docker.compose.service").asText());
        }
        return byService(lines);
    }

    /** Lines "id service", the newest container first: a service's first line wins, as containerOf's. */
    static Map<String, String> byService(List<String> lines) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ", 2);
            if (f.length == 2 && !f[1].isBlank()) ids.putIfAbsent(f[1].strip(), f[0]);
        }
        return ids;
    }

    private static JsonNode list(String path) {
        EngineSocket.Answer a = EngineSocket.get(path, QUICK);
        if (!a.ok()) throw new LabFailure(a.message());
        return a.json();
    }

    /** A network of the engine: its compose project ("" for none), whether it has IPv6, its IPv4 subnets. */
    public record Network(String id, String project, boolean ipv6, List<String> subnets) {
        /** One network as the engine lists it. */
        static Network of(JsonNode n) {
            List<String> v4 = new ArrayList<>();
            for (JsonNode c : n.path("IPAM").path("Config")) {
                String s = c.path("Subnet").asText();
                if (s.contains("/") && s.contains(".")) v4.add(s);
            }
            return new Network(n.path("Id").asText(), n.path("Labels").path("com.docker.compose.project").asText(),
                    n.path("EnableIPv6").asBoolean(), List.copyOf(v4));
        }
    }

    /** Every network of the engine, in one question: a lab's start reads both the subnets in use and its own networks. */
    public static List<Network> networkTable() {
        List<Network> nets = new ArrayList<>();
        for (JsonNode n : list("/networks")) nets.add(Network.of(n));
        return nets;
    }

    /** Makes a network with one IPv4 subnet and these labels; false when the engine refuses (the name or subnet is taken). */
    public static boolean createNetwork(String name, String subnet, Map<String, String> labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("CheckDuplicate", true);
        body.put("IPAM", Map.of("Config", List.of(Map.of("Subnet", subnet))));
        body.put("Labels", labels);
        return EngineSocket.post("/networks/create", body, QUICK).ok();
    }

    public static boolean networkExists(String name) {
        return EngineSocket.get("/networks/" + EngineSocket.encode(name), QUICK).ok();
    }

    /** Every IPv4 subnet the engine's networks hold: a new lab must overlap none of them. */
    public static List<String> subnetsInUse() {
        return subnets(networkTable());
    }

    /** The IPv4 subnets of these networks. */
    public static List<String> subnets(List<Network> nets) {
        List<String> subnets = new ArrayList<>();
        for (Network n : nets) subnets.addAll(n.subnets());
        return subnets;
    }

    /** Waits for a container to exit and returns its exit code; empty when it is still running at the deadline. */
    public static OptionalInt await(String container, Duration timeout) {
        EngineSocket.Answer a = EngineSocket.post("/containers/" + container + "/wait", null, timeout);
        if (!a.ok()) return OptionalInt.empty();
        JsonNode code = a.json().path("StatusCode");
        return code.isNumber() ? OptionalInt.of(code.asInt()) : OptionalInt.empty();
    }

    /** SIGINT (tcpdump finishes its file) to all at once, then waits for each: each takes a moment to flush. */
    public static void interruptAndWait(List<String> containers, Duration timeout) {
        for (String c : containers) signal(c, "INT");
        for (String c : containers) {
            if (await(c, timeout).isEmpty()) throw new LabFailure("a capture did not stop within " + timeout.toSeconds() + " s");
        }
    }

    private static void signal(String container, String signal) {
        EngineSocket.post("/containers/" + container + "/kill?signal=" + signal, null, QUICK);
    }

    /** What the container printed, its output then its errors (as docker logs). */
    public static String logs(String container) {
        Output o = output(container);
        return o.out() + o.err();
    }

    /** What a container printed on each stream, apart: the engine keeps them apart, and so does a log reader. */
    public record Output(String out, String err) {}

    /** What the container printed, stream by stream; nothing when the engine cannot say. */
    public static Output output(String container) {
        EngineSocket.Answer a = EngineSocket.get("/containers/" + container + "/logs?stdout=1&stderr=1", QUICK);
        if (!a.ok()) return new Output("", "");
        String[] streams = EngineSocket.demultiplex(a.body());
        return new Output(streams[0], streams[1]);
    }

    /**
     * Runs a command in a running container to its end: its exit code (-1 at the deadline; the command is left to
     * end by itself there, as the CLI's) and its output. A container that is not running answers as the CLI does.
     */
    public static Exec.Result exec(String container, Duration timeout, String... command) {
        List<String> cmd = List.of(command);
        EngineSocket.Answer made = EngineSocket.post("/containers/" + container + "/exec",
                Map.of("AttachStdout", true, "AttachStderr", true, "Cmd", cmd), QUICK);
        if (!made.ok()) return new Exec.Result(cmd, 1, "", made.message());
        String id = made.json().path("Id").asText();
        EngineSocket.Answer ran = EngineSocket.post("/exec/" + id + "/start", Map.of("Detach", false, "Tty", false), timeout);
        if (ran.status() == -1) return new Exec.Result(cmd, -1, "", "");
        if (!ran.ok()) return new Exec.Result(cmd, 1, "", ran.message());
        String[] streams = EngineSocket.demultiplex(ran.body());
        JsonNode ended = EngineSocket.get("/exec/" + id + "/json", QUICK).json();
        int exit = ended.path("Running").asBoolean() || !ended.path("ExitCode").isNumber() ? -1 : ended.path("ExitCode").asInt();
        return new Exec.Result(cmd, exit, streams[0], streams[1]);
    }

    /** Starts a command in a running container and returns at once (exec -d). */
    public static Exec.Result execDetached(String container, String... command) {
        List<String> cmd = List.of(command);
        EngineSocket.Answer made = EngineSocket.post("/containers/" + container + "/exec", Map.of("Cmd", cmd), QUICK);
        if (!made.ok()) return new Exec.Result(cmd, 1, "", made.message());
        EngineSocket.Answer ran = EngineSocket.post("/exec/" + made.json().path("Id").asText() + "/start", Map.of("Detach", true), QUICK);
        return new Exec.Result(cmd, ran.ok() ? 0 : 1, "", ran.ok() ? "" : ran.message());
    }

    public static boolean running(String container) {
        return inspect(container).path("State").path("Running").asBoolean();
    }

    /** Removes containers (with their anonymous volumes) and networks for good (a lab's down). */
    public static void remove(List<String> containers, List<String> networks) {
        allAtOnce(containers, c -> EngineSocket.delete("/containers/" + EngineSocket.encode(c) + "?force=1&v=1", Duration.ofSeconds(120)));
        for (String n : networks) EngineSocket.delete("/networks/" + EngineSocket.encode(n), QUICK);
    }

    public static void removeVolumes(List<String> volumes) {
        for (String v : volumes) EngineSocket.delete("/volumes/" + EngineSocket.encode(v) + "?force=1", QUICK);
    }

    /** Starts containers compose created; a container that cannot start is the lab's failure. */
    public static void start(List<String> containers) {
        for (String c : containers) {
            EngineSocket.Answer a = EngineSocket.post("/containers/" + c + "/start", null, Lab.START);
            if (!a.ok() && a.status() != 304) throw new LabFailure("a container of the lab did not start: " + a.message());
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}: for programs that complete their files as they stop. All at once. */
    public static void stop(List<String> containers, Duration grace) {
        allAtOnce(containers, c -> EngineSocket.post("/containers/" + c + "/stop?t=" + grace.toSeconds(), null, grace.plus(QUICK)));
    }

    /** One question per container, all asked at once (as the CLI does for several): a stop waits out its grace. */
    private static void allAtOnce(List<String> containers, java.util.function.Consumer<String> ask) {
        if (containers.size() == 1) {
            ask.accept(containers.get(0));
            return;
        }
        List<Thread> asking = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (String c : containers) {
            asking.add(Thread.ofVirtual().start(() -> {
                try {
                    ask.accept(c);
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);   // said by the caller, in one line, not by this thread
                }
            }));
        }
        for (Thread t : asking) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabFailure("interrupted while asking the engine about the lab's containers");
            }
        }
        if (failed.get() != null) throw failed.get();
    }

    /** What the engine knows of a container (docker inspect's document); a missing node when it is gone. */
    public static JsonNode inspect(String container) {
        EngineSocket.Answer a = EngineSocket.get("/containers/" + EngineSocket.encode(container) + "/json", QUICK);
        return a.ok() ? a.json() : EngineSocket.JSON.missingNode();
    }

    /** What a check asks of a container once its programs are done: still running, its exit code, killed for memory. */
    public record State(boolean running, int exitCode, boolean oomKilled) {
        static State of(JsonNode container) {
            JsonNode s = container.path("State");
            return new State(s.path("Running").asBoolean(), s.path("ExitCode").asInt(), s.path("OOMKilled").asBoolean());
        }
    }

    /** The state of each of these containers (by the id given); a container gone is left out. */
    public static Map<String, State> states(List<String> containers) {
        Map<String, State> states = new LinkedHashMap<>();
        for (String c : containers) {
            JsonNode n = inspect(c);
            if (!n.isMissingNode()) states.put(c, State.of(n));
        }
        return states;
    }

    /** How many processes the container holds now (docker top: read from outside, so a fork bomb cannot block it). */
    public static int processes(String container) {
        EngineSocket.Answer a = EngineSocket.get("/containers/" + container + "/top?ps_args=" + EngineSocket.encode("-o pid"), QUICK);
        return a.ok() ? a.json().path("Processes").size() : 0;
    }
}
