package dev.socklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.check.CheckReport;
import dev.socklab.check.Exchange;
import dev.socklab.check.ClassReport;
import dev.socklab.check.IndividualFile;
import dev.socklab.check.JunitReport;
import dev.socklab.check.RunRecord;
import dev.socklab.lab.ClassRun;
import dev.socklab.report.ProgressBar;
import dev.socklab.report.ReportFiles;
import dev.socklab.tcp.Sha256;
import java.nio.file.Files;
import java.util.Locale;
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
                "Writes captures/check-<time>/ with report.md, report.json, report.html (the two runs' ladders side by side) and junit.xml.",
                "--class DIR checks every subfolder of DIR (one student's submission each), several at once, into",
                "captures/class-<time>/ with class.html, class.csv and junit.xml; --resume continues one.",
                "In a command, {server_ip} is the server host's address; your folder (--code) is at /code and its",
                "files appear in each program's working folder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check of your run passed (--class: of every submission)",
                "1:a check failed, or the lab did not start (--class: a submission failed or could not be checked)", "2:bad command line"})
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

    @Option(names = "--class", paramLabel = "DIR",
            description = "check a whole class: each subfolder of DIR is one student's code (the folder's name is the student's)")
    Path classDir;

    @Option(names = "--resume", paramLabel = "CLASSDIR",
            description = "continue an interrupted class run (captures/class-<time>), with the options it recorded: "
                    + "finished submissions are not checked again")
    Path resume;

    @Option(names = "--jobs", paramLabel = "N",
            description = "--class: submissions checked at once (default: twice the cores, at most one per 768 MiB of available memory)")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "TEXT",
            description = "--class: the seed each student's own file is derived from, with the student's name (default: random, "
                    + "recorded in the class folder); --file sends everyone the same file instead")
    String seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = Lab.fromEnvironment();
        if (classDir != null || resume != null) return checkClass(lab, out);
        if (jobs != null || seed != null) throw new LabException("--jobs and --seed go with --class", 2);
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
        CheckReport report = grade(dir, codeDir.getFileName() == null ? "check" : codeDir.getFileName().toString(), out);
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

    /**
     * Judges a check's folder: the side-by-side ladders (report.html), report.md, report.json and junit.xml (one
     * suite, named {@code name}); prints the checklist. The one grading of a single check and of each of a class's.
     */
    static CheckReport grade(Path dir, String name, PrintWriter out) throws IOException {
        String html = sideBySide(dir);
        if (html != null) out.println("the HTML report failed: " + html);
        CheckReport report;
        try {
            report = CheckReport.of(dir);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), e);
        }
        report.write();
        RunRecord user = report.user().record();
        String note = user.isUdp() || !Files.isRegularFile(user.sent()) ? ""
                : "expected " + Files.size(user.sent()) + " bytes with SHA-256 " + Sha256.ofFile(user.sent());
        ReportFiles.replace(dir.resolve(JunitReport.FILE), JunitReport.render("socklab check",
                List.of(new JunitReport.Suite(name, report.user().checks(), null, 0, note))));
        out.print(report.checklist());
        return report;
    }

    /** --class and --resume: every submission checked, then class.html, class.csv and junit.xml. */
    private int checkClass(Lab lab, PrintWriter out) throws IOException {
        var given = spec.commandLine().getParseResult();
        int n = jobs != null ? jobs : ClassRun.defaultJobs();
        if (n < 1 || n > ClassRun.MAX_JOBS) throw new LabException("--jobs: from 1 to " + ClassRun.MAX_JOBS, 2);
        boolean tty = TcpClientCommand.isTerminal();
        ProgressBar[] bar = {null};
        ClassRun.Progress progress = (done, total, sub) -> {
            if (tty) {
                synchronized (bar) {
                    if (bar[0] == null) bar[0] = new ProgressBar(System.err, total, "submissions");
                    bar[0].update(done);
                }
            } else if (sub != null) {
                out.println("[" + done + "/" + total + "] " + sub.student() + ": " + (!sub.graded() ? "could not be checked: " + sub.error()
                        : sub.passed() ? "passed" : "FAILED") + String.format(Locale.ROOT, " (%.1f s)", sub.seconds()));
                out.flush();
            }
        };
        ClassRun.Grader grader = (dir, student, log) -> grade(dir, student, log).passed();
        ClassRun.Outcome o;
        if (resume != null) {
            for (String opt : List.of("--class", "--server", "--client", "--code", "--udp", "--file", "--timeout", "--received", "--seed")) {
                if (given.hasMatchedOption(opt)) throw new LabException("--resume takes the class's options from its folder: " + opt + " cannot change them", 2);
            }
            o = ClassRun.resume(lab, UpCommand.caller(resume), n, grader, progress, out);
        } else {
            if (code != null) throw new LabException("--class DIR names the code: each subfolder is one submission (no --code)", 2);
            ClassRun.Settings settings;
            try {
                settings = new ClassRun.Settings(UpCommand.caller(classDir), server, clients, udp, file == null ? null : UpCommand.caller(file),
                        timeout, received, seed != null ? seed : IndividualFile.newSeed(), protocol, ipv6);
                settings.validate();
            } catch (dev.socklab.lab.LabFailure e) {
                throw new LabException(e.getMessage(), 2);
            }
            o = ClassRun.start(lab, settings, n, grader, progress, out);
        }
        synchronized (bar) {
            if (bar[0] != null) bar[0].finish();
        }
        ClassReport report = ClassReport.of(o.dir());
        out.println();
        out.print(report.table());
        out.println();
        out.printf(Locale.ROOT, "%d submissions (%d checked now, %d before) in %.1f s: %d passed, %d failed, %d could not be checked%n",
                o.total(), o.checked(), o.skipped(), o.seconds(), report.passed(), report.rows().size() - report.passed() - report.errors(),
                report.errors());
        if (o.settings().file() == null) {
            out.println("Each was sent its own file (seed " + o.settings().seed() + "; --seed " + o.settings().seed() + " sends the same files again).");
        }
        out.println("Class    " + o.dir().resolve(ClassReport.HTML) + "  (also " + ClassReport.CSV + ", " + JunitReport.FILE + ")");
        boolean all = report.rows().size() == o.total() && report.passed() == o.total();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("passed", all);
            j.put("dir", o.dir().toString());
            j.put("submissions", o.total());
            j.put("checked", o.checked());
            j.put("skipped", o.skipped());
            j.put("passed_submissions", report.passed());
            j.put("errors", report.errors());
            j.put("seconds", o.seconds());
            j.put("seed", o.settings().seed());
            Map<String, Object> students = new LinkedHashMap<>();
            for (ClassReport.Row r : report.rows()) students.put(r.outcome().student(), r.folder());
            j.put("folders", students);
            out.println(new ObjectMapper().writeValueAsString(j));
        }
        out.flush();
        return all ? 0 : 1;
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
