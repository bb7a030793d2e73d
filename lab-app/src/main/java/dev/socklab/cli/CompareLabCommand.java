package dev.socklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.lab.Compare;
import dev.socklab.lab.Lab;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab compare}: one random payload over TCP and over UDP, captured, then compared (lab-app compare). */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {"Sends one random payload over TCP and over UDP, captures both and compares them.",
                "TCP on the routed lab, UDP on the UDP lab (udp-client --file), each captured beside its server; the",
                "report goes to captures/compare-<time>/report.md and report.json. Runs as its own compose project",
                "(<project>-compare) on free addresses: a lab you have running is not touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:both sides measured, TCP delivered the file intact", "1:a side failed, or the lab did not start",
                "2:bad command line"})
final class CompareLabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "4M", converter = ByteSizeConverter.class,
            description = "payload size, e.g. 4M, 512K (default: ${DEFAULT-VALUE}; at most 1G)")
    long size;

    @Option(names = "--loss", paramLabel = "PERCENT", description = "random loss on what the router forwards")
    String loss;

    @Option(names = "--rate", paramLabel = "RATE", description = "a rate limit on what the router forwards, e.g. 10mbit")
    String rate;

    @Option(names = "--udp-rate", paramLabel = "N", defaultValue = "0",
            description = "UDP datagrams per second (default: 0, unpaced: as fast as the sender can, as UDP allows)")
    long udpRate;

    @Option(names = "--ipv6", description = "over IPv6: the same runs on the labs' IPv6 variants (IPv6's 40-byte header against IPv4's 20)")
    boolean ipv6;

    @Option(names = "--json", description = "print the run's outcome as one JSON object on the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Compare.Options o = new Compare.Options(size, loss, rate, udpRate, ipv6);
        Map<String, Object> j = new LinkedHashMap<>();
        int rc = Compare.run(Lab.fromEnvironment(), o, out, r -> {
            out.println();
            List<List<String>> work = new ArrayList<>();
            work.add(Compare.analysisArgs(r, o));
            // Each side's ladders in its own folder: both captures are named server-<time>.pcap.
            for (Compare.Side s : List.of(r.tcp(), r.udp())) {
                work.add(List.of("report", s.serverPcap().toString(), "--out", s.dir().toString()));
            }
            int code;
            try {
                code = UpCommand.together(work, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            j.put("ok", code == 0);
            j.put("run", r.run().id());
            j.put("dir", r.run().dir().toString());
            j.put("lab_net", r.plan().net());
            j.put("bytes", size);
            j.put("tcp", side(r.tcp()));
            j.put("udp", side(r.udp()));
            j.put("report", r.run().dir().resolve("report.json").toString());
            return code;
        });
        if (json) out.println(new ObjectMapper().writeValueAsString(j));
        out.flush();
        return rc;
    }

    private static Map<String, Object> side(Compare.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_exit", s.clientExit());
        m.put("server_pcap", s.serverPcap().toString());
        m.put("received", java.nio.file.Files.isRegularFile(s.received()));
        return m;
    }
}
