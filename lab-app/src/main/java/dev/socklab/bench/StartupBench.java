package dev.socklab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bench startup}: how close tcp-server and tcp-client start to the JVM's own floor, in interleaved rounds
 * (best of each counts): tcp-server from spawn to its "listening" line against {@link dev.socklab.bench.floor.ListenFloor};
 * tcp-client from spawn to exit after a verified 1 KiB transfer against {@link dev.socklab.bench.floor.SendFloor},
 * both talking to the same running tcp-server.
 */
public final class StartupBench {
    public static final double GOAL = 1.2;

    public record Settings(Path dir, int rounds, int port, List<String> socklabJavaOpts, Path socklabJar, Consumer<String> log) {}

    private final Settings s;
    private final String java;
    private final Path jar;
    /** The jar socklab's programs run from: this one unless another build is being compared. */
    private final Path socklabJar;

    public StartupBench(Settings settings) throws IOException {
        this.s = settings;
        this.java = Child.java();
        this.jar = Child.jar();
        this.socklabJar = settings.socklabJar() != null ? settings.socklabJar() : jar;
    }

    public Map<String, Object> run() throws IOException, InterruptedException {
        Files.createDirectories(s.dir());
        Path work = Files.createTempDirectory(s.dir(), "startup-");
        Path file = work.resolve("one-kib.bin");
        Path out = work.resolve("recv");
        try {
            LoopbackBench.writeRandom(file, 1024);
            Map<String, List<Double>> rounds = new LinkedHashMap<>();
            for (String c : List.of("server_floor", "tcp_server", "client_floor", "tcp_client")) rounds.put(c, new ArrayList<>());
            // The server both clients talk to; started once, outside the timings.
            try (Child server = Child.start("tcp-server", socklab("tcp-server", "--port", "" + s.port(), "--out", out.toString()), work)) {
                server.awaitLine("listening", 60);
                for (int round = 1; round <= s.rounds(); round++) {
                    s.log().accept("round " + round + " of " + s.rounds());
                    rounds.get("server_floor").add(listen(work, List.of(java, "-cp", jar.toString(),
                            "dev.socklab.bench.floor.ListenFloor", "" + (s.port() + 1))));
                    rounds.get("tcp_server").add(listen(work, socklab("tcp-server", "--port", "" + (s.port() + 1),
                            "--out", work.resolve("recv-timed").toString())));
                    rounds.get("client_floor").add(Child.start("client floor", List.of(java, "-cp", jar.toString(),
                            "dev.socklab.bench.floor.SendFloor", "127.0.0.1", "" + s.port()), work).awaitExit(60));
                    // Exit 0: verified (size and SHA-256 confirmed by the server).
                    rounds.get("tcp_client").add(Child.start("tcp-client", socklab("tcp-client", "127.0.0.1", "--port",
                            "" + s.port(), "--file", file.toString()), work).awaitExit(60));
                }
            }
            Map<String, Object> best = new LinkedHashMap<>();
            rounds.forEach((k, v) -> best.put(k, LoopbackBench.best(v)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rounds", s.rounds());
            json.put("java", java);
            json.put("socklab_java_opts", s.socklabJavaOpts());
            json.put("socklab_jar", socklabJar.toString());
            json.put("seconds_rounds", rounds);
            json.put("seconds_best", best);
            // A ratio of times: lower is better, so the goal is a ceiling here.
            double server = (double) best.get("tcp_server") / (double) best.get("server_floor");
            double client = (double) best.get("tcp_client") / (double) best.get("client_floor");
            json.put("goals", List.of(ceiling("tcp-server to listening / one-class ServerSocket", server),
                    ceiling("tcp-client to a verified 1 KiB transfer / one-class client", client)));
            return json;
        } finally {
            deleteTree(work);
        }
    }

    private double listen(Path work, List<String> command) throws IOException, InterruptedException {
        try (Child c = Child.start("listener", command, work)) {
            return c.awaitLine("listening", 60);
        }
    }

    private List<String> socklab(String... args) {
        List<String> c = new ArrayList<>(List.of(java));
        c.addAll(s.socklabJavaOpts());
        c.addAll(List.of("-jar", socklabJar.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static Map<String, Object> ceiling(String measure, double ratio) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", measure);
        m.put("ratio", ratio);
        m.put("goal_at_most", GOAL);
        m.put("met", ratio <= GOAL);
        return m;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
