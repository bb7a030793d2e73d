package dev.socklab.cli;

import dev.socklab.bench.BenchReport;
import dev.socklab.bench.CdsTraining;
import dev.socklab.bench.ClassroomCopy;
import dev.socklab.bench.GoalTable;
import dev.socklab.bench.LoopbackBench;
import dev.socklab.bench.ManyClients;
import dev.socklab.bench.StartupBench;
import dev.socklab.bench.UdpRate;
import dev.socklab.tcp.Defaults;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}: the programs {@code ./lab bench} runs inside the lab's containers; each prints one JSON result. */
@Command(name = "bench",
        hidden = true,
        addMethodSubcommands = false,   // Main adds the one a run names (or all of them)
        mixinStandardHelpOptions = true,
        description = {"Runs the benchmark programs ./lab bench starts in the lab's containers; each prints its result as JSON (docs/performance.md)."})
final class BenchCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "tcp-send", mixinStandardHelpOptions = true,
            description = "Many tcp-clients at once, each with its own generated file (--clients, --size), "
                    + "or one client sending --file; counts the transfers the server verified.")
    int tcpSend(@Parameters(paramLabel = "HOST") String host,
                @Option(names = "--port", defaultValue = "" + Defaults.PORT, converter = PortConverter.class) int port,
                @Option(names = "--file", paramLabel = "FILE", description = "send this file (one client)") Path file,
                @Option(names = "--clients", defaultValue = "1000") int clients,
                @Option(names = "--size", defaultValue = "65536", description = "bytes per generated file") int size,
                @Option(names = "--dir", defaultValue = "/var/tmp/socklab-bench-files",
                        description = "where the generated files live while they are sent") Path dir) throws Exception {
        if (clients < 1 || size < 0) throw new ParameterException(spec.commandLine(), "--clients must be >= 1, --size >= 0");
        ManyClients many = new ManyClients(host, port);
        ManyClients.Result r = file != null ? many.send(List.of(file)) : many.sendDistinct(clients, size, dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clients", r.clients());
        json.put("verified", r.verified());
        json.put("bytesEach", r.bytesEach());
        json.put("bytesTotal", r.bytesTotal());
        json.put("seconds", r.seconds());
        json.put("gbitPerSecond", r.gbitPerSecond());
        json.put("errors", r.errors());
        print(json);
        return r.verified() == r.clients() ? 0 : 1;
    }

    @Command(name = "classroom-server", mixinStandardHelpOptions = true,
            description = "The textbook server: one upload, 1024-byte read/write loop into --out, then exit.")
    int classroomServer(@Option(names = "--port", defaultValue = "9899", converter = PortConverter.class) int port,
                        @Option(names = "--out", required = true) Path out) throws Exception {
        print(Map.of("bytes", ClassroomCopy.receiveOne(port, out)));
        return 0;
    }

    @Command(name = "classroom-client", mixinStandardHelpOptions = true,
            description = "The textbook client: --file through a 1024-byte read/write loop, then wait for the server to close.")
    int classroomClient(@Parameters(paramLabel = "HOST") String host,
                        @Option(names = "--port", defaultValue = "9899", converter = PortConverter.class) int port,
                        @Option(names = "--file", required = true) Path file) throws Exception {
        long bytes = Files.size(file);
        double seconds = ClassroomCopy.send(host, port, file);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bytes", bytes);
        json.put("seconds", seconds);
        json.put("buffer", ClassroomCopy.BUFFER);
        print(json);
        return 0;
    }

    @Command(name = "udp-send", mixinStandardHelpOptions = true,
            description = "Sends tagged datagrams of --size bytes at each of --rates per second (0: unpaced), --duration each.")
    int udpSend(@Parameters(paramLabel = "HOST") String host,
                @Option(names = "--port", defaultValue = "12001", converter = PortConverter.class) int port,
                @Option(names = "--size", defaultValue = "1400") int size,
                @Option(names = "--rates", defaultValue = "10000,20000,50000,100000,200000,0", split = ",") long[] rates,
                @Option(names = "--duration", defaultValue = "1s", converter = DurationConverter.class) Duration duration)
            throws Exception {
        if (Arrays.stream(rates).anyMatch(r -> r < 0)) throw new ParameterException(spec.commandLine(), "rates must be >= 0");
        print(UdpRate.send(host, port, size, rates, duration, Duration.ofMillis(300)));
        return 0;
    }

    @Command(name = "udp-count", mixinStandardHelpOptions = true,
            description = "Counts udp-send's datagrams per step until --quiet passes without one.")
    int udpCount(@Option(names = "--port", defaultValue = "12001", converter = PortConverter.class) int port,
                 @Option(names = "--quiet", defaultValue = "2s", converter = DurationConverter.class) Duration quiet,
                 @Option(names = "--start-timeout", defaultValue = "60s", converter = DurationConverter.class)
                 Duration startTimeout) throws Exception {
        print(UdpRate.count(port, quiet, startTimeout));
        return 0;
    }

    @Command(name = "loopback", mixinStandardHelpOptions = true,
            description = "On this host's loopback: --size bytes file → file (tmpfs), tcp-client → tcp-server started as "
                    + "users start them, against iperf3 -F and the classroom 1024-byte Python loop, with the path's costs "
                    + "and the bound they imply; prints a table, writes --json; exit 4 when a goal was missed.")
    int loopback(@Option(names = "--size", defaultValue = "1G", converter = ByteSizeConverter.class) long size,
                 @Option(names = "--rounds", defaultValue = "3") int rounds,
                 @Option(names = "--dir", defaultValue = "/dev/shm", description = "a tmpfs for the files (default: ${DEFAULT-VALUE})") Path dir,
                 @Option(names = "--port", defaultValue = "9931", converter = PortConverter.class) int port,
                 @Option(names = "--java-opts", defaultValue = "", description = "JVM options for socklab's programs, e.g. -XX:SharedArchiveFile=lab-app.jsa") String javaOpts,
                 @Option(names = "--jar", paramLabel = "JAR", description = "run socklab's programs from this jar (default: this one)") Path socklabJar,
                 @Option(names = "--json", paramLabel = "FILE", description = "also write the raw figures here") Path json) throws Exception {
        if (rounds < 1 || size < 1) throw new ParameterException(spec.commandLine(), "--rounds and --size must be >= 1");
        Map<String, Object> r = new LoopbackBench(new LoopbackBench.Settings(dir, size, rounds, port, opts(javaOpts), socklabJar, this::note)).run();
        return finish("loopback", r, json);
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Times tcp-server to listening and tcp-client to a verified 1 KiB transfer against one-class Java "
                    + "programs doing the same, started the same way, and exits 4 when a goal was missed.")
    int startup(@Option(names = "--rounds", defaultValue = "5") int rounds,
                @Option(names = "--dir", defaultValue = "/dev/shm") Path dir,
                @Option(names = "--port", defaultValue = "9941", converter = PortConverter.class) int port,
                @Option(names = "--java-opts", defaultValue = "") String javaOpts,
                @Option(names = "--jar", paramLabel = "JAR") Path socklabJar,
                @Option(names = "--json", paramLabel = "FILE") Path json) throws Exception {
        if (rounds < 1) throw new ParameterException(spec.commandLine(), "--rounds must be >= 1");
        Map<String, Object> r = new StartupBench(new StartupBench.Settings(dir, rounds, port, opts(javaOpts), socklabJar, this::note)).run();
        return finish("startup", r, json);
    }

    private static List<String> opts(String javaOpts) {
        return javaOpts.isBlank() ? List.of() : List.of(javaOpts.strip().split("\\s+"));
    }

    private void note(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(line);
        err.flush();
    }

    private int finish(String bench, Map<String, Object> result, Path json) throws Exception {
        if (json != null) Files.writeString(json, BenchReport.toJson(result) + "\n");
        PrintWriter out = spec.commandLine().getOut();
        out.println(GoalTable.render(bench, result).stripTrailing());
        out.flush();
        return GoalTable.allMet(result) ? 0 : 4;
    }

    @Command(name = "cds-train", mixinStandardHelpOptions = true,
            description = "Builds a class-data-sharing archive for tcp-server/tcp-client from a training run with this "
                    + "java and this jar (at this path); start them with -XX:SharedArchiveFile=ARCHIVE.")
    int cdsTrain(@Option(names = "--archive", required = true, paramLabel = "ARCHIVE") Path archive) throws Exception {
        CdsTraining.build(archive, this::note);
        return 0;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes DIR/bench.json from DIR/parts and prints the table; exit 4 when a target was missed.")
    int report(@Parameters(paramLabel = "DIR") Path dir) throws Exception {
        if (!Files.isDirectory(dir.resolve("parts"))) throw new LabException("no bench results in " + dir + " (no parts/ folder)");
        BenchReport report = new BenchReport(dir);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.write());
        out.flush();
        return report.allMet() ? 0 : 4;
    }

    private void print(Object value) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchReport.toJson(value));
        out.flush();
    }
}
