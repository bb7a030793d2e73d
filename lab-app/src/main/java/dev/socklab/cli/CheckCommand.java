package dev.socklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.check.CheckReport;
import dev.socklab.check.Exchange;
import dev.socklab.lab.CheckRun;
import dev.socklab.lab.Lab;
import dev.socklab.lab.RunFolder;
import dev.socklab.tcp.Form;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab check}: runs the user's programs in the lab, then socklab's own, and judges the user's run from the wire. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Runs your programs on the lab's two hosts, sandboxed, and judges them from the capture beside a reference run of socklab's own.",
                "Writes captures/check-<time>/ with report.md, report.json and report.html (the two runs' ladders side by side).",
                "In a command, {server_ip} is the server host's address; your folder (--code) is at /code and its",
                "files appear in each program's working folder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check of your run passed", "1:a check failed, or the lab did not start", "2:bad command line"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "CMD", description = "your server, e.g. 'python3 server.py' (default: socklab's)")
    String server;

    @Option(names = "--client", paramLabel = "CMD",
            description = "your client, e.g. 'python3 client.py {server_ip}' (default: socklab's); with --udp up to twice: c1, then c2")
    List<String> clients = new ArrayList<>();

    @Option(names = "--code", paramLabel = "DIR", description = "the folder with your programs (default: the folder you ran ./lab from)")
    Path code;

    @Option(names = "--udp", description = "the UDP exercise: a server on 12000, c1 sending from 11000 and c2 from 13000")
    boolean udp;

    @Option(names = "--file", paramLabel = "PATH", description = "the file the client sends (default: sample.txt)")
    Path file;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:CHECK_TIMEOUT:-20s}", converter = DurationConverter.class,
            description = "how long each program may take (default: ${DEFAULT-VALUE}): a hang is stopped and reported")
    Duration timeout;

    @Option(names = "--received", paramLabel = "NAME", defaultValue = "recv.txt",
            description = "the file your server saves in its working folder (default: ${DEFAULT-VALUE})")
    String received;

    @Option(names = "--ipv6", description = "over IPv6: the lab's networks get IPv6 and {server_ip} is the server's IPv6 address (AF_INET6 programs)")
    boolean ipv6;

    @Option(names = "--protocol", paramLabel = "FORM", defaultValue = "auto",
            description = "TCP: the form socklab's programs speak to yours, auto|socklab|greeting|raw (default: ${DEFAULT-VALUE}: "
                    + "found from what your code does on the wire)")
    Form protocol;

    @Option(names = "--json", description = "print the outcome as one JSON object on the last line")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = Lab.fromEnvironment();
        String caller = System.getenv("LAB_CALLER_DIR");
        Path codeDir = code != null ? UpCommand.caller(code) : (caller != null ? Paths.get(caller) : Paths.get("")).toAbsolutePath();
        Path sent = file == null ? lab.root().resolve("sample.txt") : UpCommand.caller(file);
        CheckRun.Options options;
        try {
            options = new CheckRun.Options(server, clients, codeDir.normalize(), udp, sent, timeout, received, protocol);
        } catch (dev.socklab.lab.LabFailure e) {
            throw new LabException(e.getMessage(), 2);   // the command line's fault: nothing has started
        }
        RunFolder folder = CheckRun.run(lab, options, out, ipv6);
        Path dir = folder.dir();
        out.println();
        String html = sideBySide(dir);
        if (html != null) out.println("the HTML report failed: " + html);
        CheckReport report;
        try {
            report = CheckReport.of(dir);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), e);
        }
        report.write();
        out.print(report.checklist());
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("passed", report.passed());
            j.put("dir", dir.toString());
            j.put("report", dir.resolve(CheckReport.JSON).toString());
            j.put("reference_passed", report.reference().passed());
            report.user().exchange().flatMap(Exchange::form).ifPresent(f -> j.put("protocol", f.label()));
            out.println(new ObjectMapper().writeValueAsString(j));
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** Both runs' ladders in one page (the report command, in this JVM); null when written, else why not. */
    private static String sideBySide(Path dir) {
        Path user = pcap(dir.resolve("user"));
        Path reference = pcap(dir.resolve("reference"));
        if (user == null || reference == null) return "a run left no capture";
        StringWriter text = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        int rc = cli.execute("report", user.toString(), reference.toString(), "--out", dir.toString(), "--side-by-side",
                CheckReport.HTML, "--label", "your run", "--label", "reference run (socklab's programs)");
        return rc == 0 ? null : text.toString().strip();
    }

    private static Path pcap(Path run) {
        return new RunFolder(run.getFileName().toString(), run).pcap("server-");
    }
}
