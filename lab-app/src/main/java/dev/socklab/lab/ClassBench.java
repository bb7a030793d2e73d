package dev.socklab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socklab.check.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ./lab bench class: a generated class (correct, truncating, hanging and crashing servers, in turn) checked with
 * ./lab check --class's own machinery, once in parallel (the default --jobs) and once one after another. The serial
 * run may be a sample, one submission of each kind, extrapolated by kind to the whole class: said in the JSON.
 */
final class ClassBench {
    /** The kinds in turn, each a classroom server; what a correct grader says of each. */
    static final List<String> KINDS = List.of("correct", "truncating", "hanging", "crashing");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassBench() {
    }

    static void run(Lab user, RunFolder run, Path parts, Bench.Settings s, ClassRun.Grader grader, PrintWriter out) throws IOException {
        Path all = generate(run.dir().resolve("class-submissions"), s.classSize());
        int sample = Math.min(s.classSerial(), s.classSize());
        Path serialDir = generate(run.dir().resolve("class-serial-sample"), sample);
        int jobs = ClassRun.defaultJobs();
        ClassRun.Settings settings = new ClassRun.Settings(all, "python3 server.py", List.of(), false, null, Duration.ofSeconds(20),
                "recv.txt", "bench");
        out.println("  " + sample + " submissions one after another (--jobs 1)" + (sample < s.classSize() ? ", extrapolated by kind to "
                + s.classSize() : ""));
        out.flush();
        ClassRun.Outcome serial = ClassRun.start(user, withSubmissions(settings, serialDir), 1, grader, null, quiet());
        out.println("  " + s.classSize() + " submissions, " + jobs + " at a time (the default --jobs)");
        out.flush();
        ClassRun.Outcome parallel = ClassRun.start(user, settings, jobs, grader, null, quiet());

        Map<String, Double> perKind = new LinkedHashMap<>();
        double sampleSum = 0;
        for (int i = 1; i <= sample; i++) {
            Submission sub = Submission.read(serial.dir().resolve(name(i)));
            double sec = sub == null ? 0 : sub.seconds();
            sampleSum += sec;
            perKind.merge(kind(i), sec, (a, b) -> (a + b) / 2);
        }
        double serialSeconds = serial.seconds();
        if (sample < s.classSize()) {
            // Each submission at its kind's measured time, plus what the run cost around them (start, reports).
            double est = serial.seconds() - sampleSum;
            for (int i = 1; i <= s.classSize(); i++) est += perKind.getOrDefault(kind(i), 0.0);
            serialSeconds = est;
        }
        ObjectNode p = JSON.createObjectNode().put("submissions", s.classSize()).put("jobs", jobs)
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("parallel_seconds", round(parallel.seconds())).put("serial_measured", sample)
                .put("serial_measured_seconds", round(serial.seconds())).put("serial_seconds", round(serialSeconds))
                .put("serial_extrapolated", sample < s.classSize())
                .put("graded_as_expected", expected(parallel.dir(), s.classSize()))
                .put("serial_graded_as_expected", expected(serial.dir(), sample));
        ObjectNode kinds = p.putObject("serial_seconds_by_kind");
        perKind.forEach((k, v) -> kinds.put(k, round(v)));
        p.put("parallel_dir", user.root().relativize(parallel.dir()).toString());
        Files.writeString(parts.resolve("class.json"), JSON.writeValueAsString(p) + "\n");
        out.println(String.format(Locale.ROOT, "  parallel %.1f s, serial %.1f s%s", parallel.seconds(), serialSeconds,
                sample < s.classSize() ? " (extrapolated from " + sample + " measured in " + round(serial.seconds()) + " s)" : ""));
    }

    /** How many of the first n submissions got the verdict their kind deserves: correct passes, the others fail, none errs. */
    static int expected(Path classDir, int n) {
        int ok = 0;
        for (int i = 1; i <= n; i++) {
            Submission sub = Submission.read(classDir.resolve(name(i)));
            if (sub != null && sub.graded() && sub.passed() == kind(i).equals("correct")) ok++;
        }
        return ok;
    }

    private static ClassRun.Settings withSubmissions(ClassRun.Settings s, Path dir) {
        return new ClassRun.Settings(dir, s.server(), s.clients(), s.udp(), s.file(), s.timeout(), s.received(), s.seed(),
                s.protocol(), s.ipv6());
    }

    private static PrintWriter quiet() {
        return new PrintWriter(java.io.Writer.nullWriter());
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "s%02d-%s", i, kind(i));
    }

    static String kind(int i) {
        return KINDS.get((i - 1) % KINDS.size());
    }

    /** n submissions, the kinds in turn: s01-correct, s02-truncating, ... */
    static Path generate(Path dir, int n) throws IOException {
        for (int i = 1; i <= n; i++) {
            Path d = Files.createDirectories(dir.resolve(name(i)));
            Files.writeString(d.resolve("server.py"), program(kind(i)));
        }
        return dir;
    }

    static String program(String kind) {
        String head = """
                import socket, time
                server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                server.bind(("", 9898))
                server.listen(5)
                print("Server is listening on port : 9898", flush=True)
                """;
        return "# ./lab bench class: a " + kind + " server\n" + head + switch (kind) {
            case "correct" -> """
                    while True:
                        conn, addr = server.accept()
                        with open("recv.txt", "wb") as f:
                            while data := conn.recv(4096):
                                f.write(data)
                        conn.close()
                    """;
            case "truncating" -> """
                    conn, addr = server.accept()
                    with open("recv.txt", "wb") as f:
                        f.write(conn.recv(512))
                    conn.close()
                    """;
            case "hanging" -> """
                    conn, addr = server.accept()
                    with open("recv.txt", "wb") as f:
                        while data := conn.recv(4096):
                            f.write(data)
                    while True:
                        time.sleep(1)
                    """;
            case "crashing" -> """
                    conn, addr = server.accept()
                    data = conn.recv(1024)
                    raise RuntimeError("crashed after %d bytes" % len(data))
                    """;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
