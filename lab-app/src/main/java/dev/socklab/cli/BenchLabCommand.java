package dev.socklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.bench.BenchReport;
import dev.socklab.lab.Bench;
import dev.socklab.lab.Lab;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./lab bench}: the benchmarks, each in a compose project of its own; bench.json and a table of goals. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measures the lab against its goals and writes captures/bench-<time>/bench.json.",
                "idle (CPU of an idle lab and the engine), warm (./lab up to a verified transfer,",
                "against the engine's floor), parallel (labs at once), transfer (socklab vs iperf3 vs the classroom loop),",
                "concurrency (many verified clients), udp (a rate ladder); analyzer (analyze vs tshark on a host capture)",
                "and class (a class of 30 checked in parallel vs one after another) only when named.",
                "Each runs as its own compose project (<project>-bench..., class: <project>-class-N), never touching your lab;",
                "the table shows each figure against its goal (met / MISSED)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every bench ran and met its goals", "1:a bench failed to run", "2:bad command line",
                "4:a goal was missed"})
final class BenchLabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "idle, warm, parallel, transfer, loopback, startup, concurrency, udp, analyzer, class "
                    + "(default: all but analyzer and class)")
    List<String> names;

    @Option(names = "--quick", description = "the short form (./lab test): a 16 MiB transfer, 1 round, 20 clients, 1 warm run, "
            + "2 labs, 5 s idle, two UDP steps, a 20 MiB analyzer capture, a class of 4")
    boolean quick;

    @Option(names = "--size", paramLabel = "BYTES", converter = ByteSizeConverter.class,
            description = "transfer and loopback: the file's size (default 1G)")
    Long size;

    @Option(names = "--rounds", paramLabel = "N", description = "transfer and loopback: rounds (default 3)")
    Integer rounds;

    @Option(names = "--clients", paramLabel = "N", description = "concurrency: clients at once (default 10000)")
    Integer clients;

    @Option(names = "--runs", paramLabel = "N", description = "warm and startup: runs (default 3)")
    Integer runs;

    @Option(names = "--labs", paramLabel = "N", description = "parallel: labs at once (default 10)")
    Integer labs;

    @Option(names = "--seconds", paramLabel = "N", description = "idle: the window measured (default 30)")
    Integer seconds;

    @Option(names = "--submissions", paramLabel = "N", description = "class: the class's size (default 30)")
    Integer submissions;

    @Option(names = "--serial", paramLabel = "N",
            description = "class: submissions checked one after another, extrapolated by kind to the class (default 4)")
    Integer serial;

    @Option(names = "--json", description = "print the outcome as one JSON object on the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> selected = Bench.select(names);
        Bench.Settings b = quick ? Bench.Settings.quick() : Bench.Settings.full();
        b = new Bench.Settings(size != null ? size : b.transferBytes(), rounds != null ? rounds : b.rounds(),
                clients != null ? clients : b.clients(), b.clientBytes(), runs != null ? runs : b.warmRuns(),
                labs != null ? labs : b.labs(), seconds != null ? Duration.ofSeconds(seconds) : b.idle(),
                b.udpRates(), b.udpStep(), b.analyzerMib(), submissions != null ? submissions : b.classSize(),
                serial != null ? serial : b.classSerial());
        Bench.Outcome o = Bench.run(Lab.fromEnvironment(), selected, b, (dir, student, log) -> CheckCommand.grade(dir, student, log).passed(), out);
        out.println();
        BenchReport report = new BenchReport(o.run().dir());
        out.print(report.write());
        out.println();
        out.println("bench.json: " + o.run().dir().resolve("bench.json"));
        o.failed().forEach(n -> out.println("FAILED: bench " + n + " did not run to its end (see above)"));
        int rc = !o.failed().isEmpty() ? 1 : report.allMet() ? 0 : 4;
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ok", o.failed().isEmpty());
            j.put("all_met", report.allMet());
            j.put("benches", selected);
            j.put("failed", o.failed());
            j.put("dir", o.run().dir().toString());
            j.put("bench_json", o.run().dir().resolve("bench.json").toString());
            out.println(new ObjectMapper().writeValueAsString(j));
        }
        out.flush();
        return rc;
    }
}
