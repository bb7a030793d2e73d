package dev.socklab.cli;

import dev.socklab.bench.BenchReport;
import dev.socklab.bench.ClassroomCopy;
import dev.socklab.bench.ManyClients;
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
