package dev.socklab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ./lab bench: each bench in a compose project of its own beside the user's ({@code <project>-bench},
 * parallel's {@code <project>-bench-p0..}), on free addresses, removed when it ends. Raw numbers go to
 * captures/bench-<time>/parts/*.json; bench report (BenchReport) turns them into bench.json and the table.
 */
public final class Bench {
    /** Every bench, in the order they run when several are named: idle first, while nothing of ours is busy. */
    public static final List<String> ALL = List.of("idle", "warm", "parallel", "transfer", "loopback", "startup", "concurrency",
            "udp", "analyzer", "class");
    /** What ./lab bench runs with no name: all but analyzer (a 1 GiB host capture) and class (a class of 30), on request. */
    public static final List<String> DEFAULT = ALL.subList(0, ALL.size() - 2);

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * iperf3 (3.12) ends a -n or -F test at its next report tick, and its rates divide by that time: with the
     * default 1 s tick, 1 GiB sent in 1.4 s read as 4.29 Gbit/s (1 GiB / 2 s). A 0.1 s tick bounds that error.
     */
    private static final String IPERF_TICK = "0.1";

    private Bench() {
    }

    /** How big each bench is: the full figures, or --quick's short form (seconds, for ./lab test). */
    public record Settings(long transferBytes, int rounds, int clients, int clientBytes, int warmRuns, int labs,
                           Duration idle, String udpRates, String udpStep, int analyzerMib, int classSize, int classSerial) {
        public static Settings full() {
            return new Settings(1L << 30, 3, 10_000, 65536, 3, 10, Duration.ofSeconds(30),
                    "10000,25000,50000,100000,200000,400000,0", "1s", 1000, 30, 4);
        }

        public static Settings quick() {
            return new Settings(16L << 20, 1, 20, 65536, 1, 2, Duration.ofSeconds(5), "10000,0", "300ms", 20, 4, 4);
        }

        public Settings {
            if (transferBytes < 1 || rounds < 1 || clients < 1 || warmRuns < 1 || labs < 1 || analyzerMib < 1 || classSize < 1 || classSerial < 1) {
                throw new LabFailure("bench sizes, rounds, clients, runs, labs and submissions must be at least 1");
            }
            if (idle.isNegative() || idle.isZero()) throw new LabFailure("--seconds must be at least 1");
        }
    }

    /** The benches to run: the named ones in the order given (no name: the default set); unknown names fail first. */
    public static List<String> select(List<String> names) {
        if (names == null || names.isEmpty()) return DEFAULT;
        for (String n : names) {
            if (!ALL.contains(n)) throw new LabFailure("unknown bench: " + n + " (" + String.join(", ", ALL) + ")");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(names));
    }

    /** One bench run: its folder (parts/ inside) and the benches that failed (their numbers are missing or partial). */
    public record Outcome(RunFolder run, List<String> failed) {
    }

    public static Outcome run(Lab user, List<String> names, Settings s, PrintWriter out) throws IOException {
        return run(user, names, s, null, out);
    }

    /** With the grader of ./lab check, for the class bench (it grades as ./lab check --class does). */
    public static Outcome run(Lab user, List<String> names, Settings s, ClassRun.Grader grader, PrintWriter out) throws IOException {
        RunFolder run = RunFolder.create(user.root(), "bench-", user.project());
        Path parts = Files.createDirectories(run.dir().resolve("parts"));
        ObjectNode meta = JSON.createObjectNode().put("date", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                .put("command", "./lab bench " + String.join(" ", names));
        meta.putObject("host").put("cpus", Runtime.getRuntime().availableProcessors()).put("kernel", kernel());
        Files.writeString(parts.resolve("meta.json"), JSON.writeValueAsString(meta) + "\n");
        List<String> failed = new ArrayList<>();
        Lab lab = user.scenario("bench");
        for (String n : names) {
            Up.say(out, "bench " + n + " (project " + lab.project() + ")");
            try {
                switch (n) {
                    case "transfer" -> transfer(lab, run, parts, s, out);
                    case "loopback" -> loopback(user.root(), parts, s, out);
                    case "startup" -> startup(lab, run, parts, s, out);
                    case "concurrency" -> concurrency(lab, run, parts, s, out);
                    case "udp" -> udp(lab, run, parts, s, out);
                    case "idle" -> LifeBench.idle(lab, run, parts, s, out);
                    case "warm" -> LifeBench.warm(lab, run, parts, s, out);
                    case "parallel" -> LifeBench.parallel(lab, run, parts, s, out);
                    case "analyzer" -> AnalyzerBench.run(user.root(), parts, s.analyzerMib(), out);
                    case "class" -> ClassBench.run(user, run, parts, s, grader, out);
                    default -> throw new LabFailure("unknown bench: " + n);
                }
            } catch (LabFailure | IOException e) {
                out.println("bench " + n + ": FAILED: " + e.getMessage());
                failed.add(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabFailure("interrupted during bench " + n);
            } finally {
                lab.down();
            }
            out.flush();
        }
        return new Outcome(run, failed);
    }

    private static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    /** Stdout of a bench program as a part, when it is the JSON it promises; false when it is not. */
    static boolean part(Path parts, String name, Exec.Result r, PrintWriter out) throws IOException {
        String text = r.out().strip();
        try {
            JSON.readTree(text.isEmpty() ? "x" : text);
        } catch (IOException e) {
            out.println("  " + name + ": no result (exit " + r.exit() + "): " + r.why());
            return false;
        }
        Files.writeString(parts.resolve(name + ".json"), text + "\n");
        return true;
    }

    // ---------------------------------------------------------------- on this host

    /**
     * The transfer on this host's loopback, each program started as a user starts it (bench loopback), with the
     * costs (SHA-256, file read and write) that also give the container path its bound (BenchReport.bound). A
     * JVM of its own: this one runs C1-only, which would time SHA-256 without its intrinsic.
     */
    static void loopback(Path root, Path parts, Settings s, PrintWriter out) throws IOException {
        out.println("  " + s.transferBytes() + " bytes file → file on this host's loopback (tmpfs), " + s.rounds() + " round(s)");
        out.flush();
        Path json = parts.resolve("loopback.json");
        Exec.Result r = Exec.run(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                root.resolve("lab-app/target/lab-app.jar").toString(), "bench", "loopback", "--size",
                String.valueOf(s.transferBytes()), "--rounds", String.valueOf(s.rounds()), "--json", json.toString()),
                Map.of(), Duration.ofMinutes(30));
        // Exit 4 is a missed goal, still a measurement; anything else left no figures.
        if (!Files.exists(json)) throw new LabFailure("bench loopback: no result (exit " + r.exit() + "): " + r.why());
    }

    // ---------------------------------------------------------------- in the bench lab

    /**
     * Start-up in the client image, as the lab starts its programs (docker/lab-app: the image's class-data-sharing
     * archive), against one-class Java programs started the same way (bench startup).
     */
    static void startup(Lab lab, RunFolder run, Path parts, Settings s, PrintWriter out) throws IOException {
        try (BenchLab b = new BenchLab(lab, lab.scenarioPlan(), run.id()).up()) {
            out.println("  tcp-server to listening and tcp-client to a verified 1 KiB transfer, " + s.warmRuns() + " round(s)");
            out.flush();
            Exec.Result r = b.onClient(BenchLab.app("bench", "startup", "--rounds", String.valueOf(s.warmRuns()), "--dir", "/tmp",
                    "--jar", "/opt/socklab/lab-app.jar", "--java-opts", "-XX:SharedArchiveFile=/opt/socklab/lab-app.jsa -Xshare:auto",
                    "--json", "/tmp/startup.json"));
            if (r.exit() != 0 && r.exit() != 4) throw new LabFailure("bench startup failed (exit " + r.exit() + "): " + r.why());
            part(parts, "startup", b.onClient("cat", "/tmp/startup.json"), out);
        }
    }

    /** The JVM's own floor for a verified copy, which the transfer bench runs beside socklab. */
    private static final String BARE_JVM = "dev.socklab.bench.floor.VerifiedCopyFloor";

    /**
     * A file of random bytes, file to file: socklab vs the bare JVM verified copy vs iperf3 (file mode, memory to
     * memory) vs the classroom 1024-byte loop. Rounds interleave the five and the report takes each one's best
     * round: on a shared machine the best round is the least disturbed, and interleaving gives each the same chances.
     * Scratch files live in each container's /tmp (a tmpfs: their roots are read-only).
     */
    static void transfer(Lab lab, RunFolder run, Path parts, Settings s, PrintWriter out) throws IOException {
        try (BenchLab b = new BenchLab(lab, lab.scenarioPlan(), run.id()).up()) {
            String file = "/tmp/bench-file.bin";
            String ip = b.serverIp();
            out.println("  a file of " + s.transferBytes() + " random bytes in the client container");
            require(b.onClient("sh", "-c", "head -c " + s.transferBytes() + " /dev/urandom >" + file), "make the file");
            for (int round = 1; round <= s.rounds(); round++) {
                out.println("  round " + round + "/" + s.rounds() + ": socklab, bare JVM, iperf3 -F, iperf3 memory, classroom loop");
                out.flush();
                b.onServerBackground("bench-tcp", BenchLab.app("tcp-server", "--port", "9900", "--out", "/tmp/bench-tcp"));
                b.awaitListening("tcp", 9900);
                part(parts, "transfer-socklab-" + round, b.onClient(BenchLab.app("bench", "tcp-send", ip, "--port", "9900",
                        "--file", file)), out);
                b.stopOnServer("bench-tcp");
                b.onServer("rm", "-rf", "/tmp/bench-tcp");
                // The JVM's own floor for the same verified copy on the same path (VerifiedCopyFloor), timed as
                // tcp-send times socklab: from connect to the server's SHA-256 compared.
                b.onServerBackground("bench-bare", "java", "-cp", BenchLab.JAR, BARE_JVM, "server", "9902",
                        "/tmp/bench-bare.bin", "0.0.0.0");
                b.awaitListening("tcp", 9902);
                part(parts, "transfer-bare-jvm-" + round, b.onClient("java", "-cp", BenchLab.JAR, BARE_JVM, "client", "9902",
                        file, ip), out);
                b.stopOnServer("bench-bare");
                b.onServer("rm", "-f", "/tmp/bench-bare.bin");
                b.onServerBackground("bench-iperf", "iperf3", "-s", "-1", "-p", "5201", "-F", "/tmp/bench-iperf.bin");
                b.awaitListening("tcp", 5201);
                part(parts, "transfer-iperf-file-" + round, b.onClient("iperf3", "-c", ip, "-p", "5201", "-i", IPERF_TICK, "-F", file, "-J"), out);
                b.stopOnServer("bench-iperf");
                b.onServer("rm", "-f", "/tmp/bench-iperf.bin");
                b.onServerBackground("bench-iperf", "iperf3", "-s", "-1", "-p", "5201");
                b.awaitListening("tcp", 5201);
                part(parts, "transfer-iperf-memory-" + round, b.onClient("iperf3", "-c", ip, "-p", "5201", "-i", IPERF_TICK, "-n",
                        String.valueOf(s.transferBytes()), "-J"), out);
                b.stopOnServer("bench-iperf");
                b.onServerBackground("bench-classroom", BenchLab.app("bench", "classroom-server", "--port", "9899",
                        "--out", "/tmp/bench-classroom.bin"));
                b.awaitListening("tcp", 9899);
                part(parts, "transfer-classroom-" + round, b.onClient(BenchLab.app("bench", "classroom-client", ip,
                        "--port", "9899", "--file", file)), out);
                b.stopOnServer("bench-classroom");
                b.onServer("rm", "-f", "/tmp/bench-classroom.bin");
            }
        }
    }

    /** Many clients at once, each with its own file, every one verified; the server's peak RSS. */
    static void concurrency(Lab lab, RunFolder run, Path parts, Settings s, PrintWriter out) throws IOException {
        try (BenchLab b = new BenchLab(lab, lab.scenarioPlan(), run.id()).up()) {
            out.println("  " + s.clients() + " clients at once, " + s.clientBytes() + " bytes each, against tcp-server on port 9901");
            out.flush();
            b.onServerBackground("bench-conc", "sh", "-c", "exec " + String.join(" ", BenchLab.APP)
                    + " tcp-server --port 9901 --out /tmp/bench-conc >/tmp/bench-conc.log 2>&1");
            b.awaitListening("tcp", 9901);
            part(parts, "concurrency", b.onClient(BenchLab.app("bench", "tcp-send", b.serverIp(), "--port", "9901",
                    "--clients", String.valueOf(s.clients()), "--size", String.valueOf(s.clientBytes()),
                    "--dir", "/tmp/bench-files")), out);
            // The kernel's high-water mark of the server's resident set (sh exec'd java: the pid is java's).
            Exec.Result hwm = b.onServer("sh", "-c", "awk '/^VmHWM:/ { print $2 }' /proc/$(cat /tmp/bench-conc.pid)/status");
            long kib = hwm.text().matches("\\d+") ? Long.parseLong(hwm.text()) : 0;
            Files.writeString(parts.resolve("concurrency-server.json"), JSON.writeValueAsString(Map.of("vmhwm_kib", kib)) + "\n");
            b.stopOnServer("bench-conc");
        }
    }

    /** A UDP rate ladder per payload size; a counter beside the server counts each step. */
    static void udp(Lab lab, RunFolder run, Path parts, Settings s, PrintWriter out) throws IOException {
        try (BenchLab b = new BenchLab(lab, lab.scenarioPlan(), run.id()).up()) {
            for (String size : List.of("64", "1400")) {
                out.println("  " + size + "-byte datagrams, rates " + s.udpRates() + " (0: unpaced), " + s.udpStep() + " each");
                out.flush();
                b.onServer("rm", "-f", "/tmp/bench-udp.json", "/tmp/bench-udp.tmp");
                // Renamed when whole: the file appears only once the counter has finished writing it.
                b.onServerBackground("bench-udp", "sh", "-c", String.join(" ", BenchLab.APP)
                        + " bench udp-count --port 12001 --quiet 2s >/tmp/bench-udp.tmp && mv /tmp/bench-udp.tmp /tmp/bench-udp.json");
                b.awaitListening("udp", 12001);
                part(parts, "udp-" + size + "-sent", b.onClient(BenchLab.app("bench", "udp-send", b.serverIp(), "--port", "12001",
                        "--size", size, "--rates", s.udpRates(), "--duration", s.udpStep())), out);
                if (!BenchLab.until(Lab.START, () -> b.onServer("test", "-s", "/tmp/bench-udp.json").ok())) {
                    throw new LabFailure("the UDP counter wrote no result");
                }
                part(parts, "udp-" + size + "-counted", b.onServer("cat", "/tmp/bench-udp.json"), out);
            }
        }
    }

    private static void require(Exec.Result r, String what) {
        if (!r.ok()) throw new LabFailure("cannot " + what + ": " + r.why());
    }
}
