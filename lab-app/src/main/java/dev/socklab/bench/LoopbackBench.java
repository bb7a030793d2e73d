package dev.socklab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code bench loopback}: one file, file system to file system over the host's loopback, each contender started
 * as its users start it (a new process per transfer, JVM start included): socklab's tcp-client → tcp-server
 * (verified), {@code iperf3 -F} on both ends, and the classroom 1024-byte loop in Python. Rounds are interleaved
 * (each contender's best counts), and the physical costs of a verified transfer are measured in the same run.
 */
public final class LoopbackBench {
    /** The goals (issue 16): ratios in one run. */
    public static final double GOAL_VS_IPERF_FILE = 0.6;
    public static final double GOAL_VS_CLASSROOM = 5.0;
    public static final double GOAL_OF_BOUND = 0.9;
    static final String BARE_JVM = "bare_jvm_verified_copy";

    /** The textbook Python pair: a 1024-byte recv/write loop and a 1024-byte read/sendall loop. */
    static final String CLASSROOM_PY = """
            import socket, sys
            if sys.argv[1] == "server":
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", int(sys.argv[2]))); s.listen(1)
                print("listening", flush=True)
                c, _ = s.accept()
                with open(sys.argv[3], "wb") as f:
                    while True:
                        data = c.recv(1024)
                        if not data: break
                        f.write(data)
                c.close()
            else:
                c = socket.socket(); c.connect(("127.0.0.1", int(sys.argv[2])))
                with open(sys.argv[3], "rb") as f:
                    while True:
                        data = f.read(1024)
                        if not data: break
                        c.sendall(data)
                c.shutdown(socket.SHUT_WR)
                while c.recv(1024): pass
                c.close()
            """;

    public record Settings(Path dir, long bytes, int rounds, int port, List<String> socklabJavaOpts, Path socklabJar, Consumer<String> log) {}

    private final Settings s;
    private final String java;
    private final Path jar;
    /** The jar socklab's programs run from: this one unless another build is being compared. */
    private final Path socklabJar;
    private final List<Long> iperfStored = new ArrayList<>();

    public LoopbackBench(Settings settings) throws IOException {
        this.s = settings;
        this.java = Child.java();
        this.jar = Child.jar();
        this.socklabJar = settings.socklabJar() != null ? settings.socklabJar() : jar;
    }

    /** Runs everything and returns the JSON-ready result (raw seconds per round, costs, bound, ratios, goals). */
    public Map<String, Object> run() throws IOException, InterruptedException {
        Files.createDirectories(s.dir());
        Path work = Files.createTempDirectory(s.dir(), "loopback-");
        try {
            return run(work);
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
    }

    private Map<String, Object> run(Path work) throws IOException, InterruptedException {
        Path src = work.resolve("src.bin");
        writeRandom(src, s.bytes());
        Path py = work.resolve("classroom.py");
        Files.writeString(py, CLASSROOM_PY);

        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        for (String c : List.of("socklab", BARE_JVM, "iperf3_file", "classroom", "jvm_floor")) rounds.put(c, new ArrayList<>());
        List<PathCosts.Costs> costRounds = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
            s.log().accept("round " + round + " of " + s.rounds() + ": the costs (SHA-256, file read/write, loopback), then each contender");
            costRounds.add(PathCosts.measure(work, s.bytes()));
            rounds.get("socklab").add(socklab(work, src));
            rounds.get(BARE_JVM).add(bareJvm(work, src));
            rounds.get("iperf3_file").add(iperf(work, src));
            rounds.get("classroom").add(classroom(work, src, py));
            rounds.get("jvm_floor").add(jvmFloor(work));
        }
        PathCosts.Costs costs = PathCosts.Costs.cheapest(costRounds);
        double ours = best(rounds.get("socklab"));
        double bare = best(rounds.get(BARE_JVM));
        double iperf = best(rounds.get("iperf3_file"));
        double loop = best(rounds.get("classroom"));
        double floor = best(rounds.get("jvm_floor"));
        double gib = s.bytes() / (double) (1L << 30);
        double bound = costs.boundSecondsPerGib() * gib + floor;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bytes", s.bytes());
        out.put("rounds", s.rounds());
        out.put("java", java);
        out.put("socklab_java_opts", s.socklabJavaOpts());
        out.put("socklab_jar", socklabJar.toString());
        out.put("seconds_rounds", rounds);
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("socklab", ours);
        best.put(BARE_JVM, bare);
        best.put("iperf3_file", iperf);
        best.put("classroom", loop);
        best.put("jvm_floor", floor);
        out.put("seconds_best", best);
        out.put("iperf3_file_bytes_stored_rounds", iperfStored);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cores", costs.cores());
        c.put("sha256", cost(costs.sha256()));
        c.put("file_read", cost(costs.fileRead()));
        c.put("file_write", cost(costs.fileWrite()));
        c.put("loopback_memory", cost(costs.loopback()));
        Map<String, Object> each = new LinkedHashMap<>();
        each.put("sha256", costRounds.stream().map(r -> r.sha256().coreSeconds()).toList());
        each.put("file_read", costRounds.stream().map(r -> r.fileRead().coreSeconds()).toList());
        each.put("file_write", costRounds.stream().map(r -> r.fileWrite().coreSeconds()).toList());
        each.put("loopback_memory", costRounds.stream().map(r -> r.loopback().coreSeconds()).toList());
        c.put("core_seconds_rounds", each);
        c.put("bound_transfer_seconds", costs.boundSecondsPerGib() * gib);
        c.put("bound_with_jvm_start_seconds", bound);
        out.put("costs", c);
        List<Map<String, Object>> goals = new ArrayList<>();
        goals.add(goal("socklab / iperf3 -F (time ratio, higher is faster)", iperf / ours, GOAL_VS_IPERF_FILE));
        goals.add(goal("socklab / classroom loop", loop / ours, GOAL_VS_CLASSROOM));
        goals.add(goal("socklab / its physical bound (verified, JVM start included)", bound / ours, GOAL_OF_BOUND));
        out.put("goals", goals);
        // Not goals: where the JVM itself stands, and socklab against the JVM doing only the same work.
        List<Map<String, Object>> ratios = new ArrayList<>();
        ratios.add(ratio("bare JVM verified copy / the physical bound (JVM start included)", bound / bare));
        ratios.add(ratio("socklab / bare JVM verified copy (time ratio)", bare / ours));
        out.put("ratios", ratios);
        return out;
    }

    private double socklab(Path work, Path src) throws IOException, InterruptedException {
        Path out = work.resolve("recv-socklab");
        List<String> server = new ArrayList<>(List.of(java));
        server.addAll(s.socklabJavaOpts());
        server.addAll(List.of("-jar", socklabJar.toString(), "tcp-server", "--port", "" + s.port(), "--out", out.toString()));
        List<String> client = new ArrayList<>(List.of(java));
        client.addAll(s.socklabJavaOpts());
        client.addAll(List.of("-jar", socklabJar.toString(), "tcp-client", "127.0.0.1", "--port", "" + s.port(), "--file", src.toString()));
        try (Child srv = Child.start("tcp-server", server, work)) {
            srv.awaitLine("listening", 60);
            // Exit 0 means the server confirmed size and SHA-256 after its fsync.
            double t = Child.start("tcp-client", client, work).awaitExit(600);
            Files.deleteIfExists(out.resolve("recv.txt"));
            return t;
        } finally {
            Files.deleteIfExists(out.resolve("recv.txt"));
            Files.deleteIfExists(out);
        }
    }

    private double iperf(Path work, Path src) throws IOException, InterruptedException {
        Path out = work.resolve("recv-iperf.bin");
        try (Child srv = Child.start("iperf3 -s", List.of("iperf3", "-s", "-1", "--forceflush", "-p", "" + s.port(), "-F", out.toString()), work)) {
            srv.awaitLine("listening", 30);
            double t = Child.start("iperf3 -c", List.of("iperf3", "-c", "127.0.0.1", "-p", "" + s.port(), "-F", src.toString(),
                    "-n", "" + s.bytes()), work).awaitExit(600);
            srv.awaitExit(30);
            // iperf3's receiver ends the test when the sender says it sent everything and drops what is still in
            // flight (256 KiB to 10 MiB of 1 GiB here): it is a rate tester, not a copier; most of the file must be there.
            long got = Files.exists(out) ? Files.size(out) : -1;
            iperfStored.add(got);
            // Up to 10 MiB in flight: a small (--quick) file may lose more than a tenth of itself that way.
            if (got < Math.min(s.bytes() * 0.9, s.bytes() - (12L << 20))) throw new IOException("iperf3 -F stored " + got + " of " + s.bytes() + " bytes");
            return t;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private double classroom(Path work, Path src, Path py) throws IOException, InterruptedException {
        Path out = work.resolve("recv-classroom.bin");
        try (Child srv = Child.start("classroom server", List.of("python3", py.toString(), "server", "" + s.port(), out.toString()), work)) {
            srv.awaitLine("listening", 30);
            double t = Child.start("classroom client", List.of("python3", py.toString(), "client", "" + s.port(), src.toString()), work)
                    .awaitExit(600);
            srv.awaitExit(30);
            checkSize(out, "the classroom loop");
            return t;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The same verified transfer by the shortest Java program that does it (VerifiedCopyFloor: one class a side,
     * one thread, started like socklab's programs): what the JVM itself costs for this work, its start and its JIT
     * warming SHA-256 and the copy loops up included, which the physical bound does not count.
     */
    private double bareJvm(Path work, Path src) throws IOException, InterruptedException {
        Path out = work.resolve("recv-bare-jvm.bin");
        String floor = "dev.socklab.bench.floor.VerifiedCopyFloor";
        try (Child srv = Child.start("bare JVM server", List.of(java, "-cp", jar.toString(), floor, "server", "" + s.port(), out.toString()), work)) {
            srv.awaitLine("listening", 60);
            // Exit 0: the server's SHA-256 of what it wrote and fsynced is the client's.
            double t = Child.start("bare JVM client", List.of(java, "-cp", jar.toString(), floor, "client", "" + s.port(), src.toString()), work)
                    .awaitExit(600);
            srv.awaitExit(30);
            checkSize(out, "the bare JVM copy");
            return t;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A one-class JVM that opens a socket and exits: what any Java program pays before its first byte. */
    private double jvmFloor(Path work) throws IOException, InterruptedException {
        try (Child floor = Child.start("floor", List.of(java, "-cp", jar.toString(), "dev.socklab.bench.floor.ListenFloor", "0"), work)) {
            return floor.awaitLine("listening", 60);
        }
    }

    private void checkSize(Path out, String who) throws IOException {
        long got = Files.exists(out) ? Files.size(out) : -1;
        if (got != s.bytes()) throw new IOException(who + " stored " + got + " of " + s.bytes() + " bytes");
    }

    static void writeRandom(Path file, long bytes) throws IOException {
        byte[] b = new byte[1 << 20];
        SplittableRandom r = new SplittableRandom(0x10_0BACL);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += b.length) {
                r.nextBytes(b);
                out.write(b, 0, (int) Math.min(b.length, bytes - done));
            }
        }
    }

    private static Map<String, Object> cost(PathCosts.Cost c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", c.bytes());
        m.put("seconds", c.seconds());
        m.put("core_seconds", c.coreSeconds());
        m.put("core_seconds_per_gib", c.corePerGib());
        m.put("gb_per_second", c.gbPerSecond());
        return m;
    }

    static Map<String, Object> ratio(String measure, double ratio) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", measure);
        m.put("ratio", ratio);
        return m;
    }

    static Map<String, Object> goal(String measure, double ratio, double goal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", measure);
        m.put("ratio", ratio);
        m.put("goal", goal);
        m.put("met", ratio >= goal);
        return m;
    }

    static double best(List<Double> seconds) {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
