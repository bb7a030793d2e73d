package dev.socklab.cli;

import dev.socklab.pcap.CapturePoint;
import dev.socklab.report.CaptureReport;
import dev.socklab.report.Defaults;
import dev.socklab.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report CAPTURE...}: ladder diagrams of every connection and flow, as one HTML file and an SVG each. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Draws each TCP connection and UDP flow of a capture as a ladder diagram, like Wireshark's Flow Graph.",
                "One self-contained HTML file per capture, <name>.html, and <name>-<n>.svg per diagram.",
                "Long conversations are folded in the middle so the picture stays readable."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every report was written",
                "1:a file is missing, not a capture, or truncated (its report then covers the complete packets)",
                "2:bad command line"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "pcap or pcapng captures; a run's merged pcapng"
            + " becomes one page with its capture points in columns")
    List<Path> captures;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the reports (default: next to each capture)")
    Path out;

    @Option(names = "--max-diagrams", paramLabel = "N", defaultValue = "" + Defaults.MAX_DIAGRAMS,
            description = "draw at most N conversations per capture, the rest are counted (default: ${DEFAULT-VALUE})")
    int maxDiagrams;

    @Option(names = "--side-by-side", paramLabel = "NAME.html",
            description = "one page with the captures in columns (e.g. your run and the reference run), written as NAME.html")
    String sideBySide;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "with --side-by-side: a column heading, once per capture (default: the file names)")
    List<String> labels;

    @Override
    public Integer call() throws IOException {
        if (maxDiagrams < 1) throw new LabException("--max-diagrams: must be at least 1, got " + maxDiagrams, 2);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) throw new LabException("--out: not a folder: " + out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (sideBySide != null) return sideBySide(stdout);
        for (Path capture : captures) {
            if (!Files.isRegularFile(capture)) throw new LabException("no such capture file: " + capture);
            List<CapturePoint> points = CapturePoint.of(capture);
            if (points.size() > 1) {
                merged(capture, points, stdout);
                continue;
            }
            CaptureReport report = read(capture);
            Path html = ReportFiles.write(report, capture, out != null ? out : relativeDir(capture));
            int n = report.ladders().size();
            stdout.println(String.format(Locale.ROOT, "Report  %s  (%d diagram%s, and an SVG of each beside it)",
                    html, n, n == 1 ? "" : "s"));
            stdout.flush();
            if (report.warning().isPresent()) throw new LabException(report.warning().get());
        }
        return 0;
    }

    private int sideBySide(PrintWriter stdout) throws IOException {
        if (!sideBySide.matches("[A-Za-z0-9._-]+\\.html")) {
            throw new LabException("--side-by-side: a plain file name ending in .html, not " + sideBySide, 2);
        }
        if (labels != null && labels.size() != captures.size()) {
            throw new LabException("--label: give one per capture (" + captures.size() + "), got " + labels.size(), 2);
        }
        List<CaptureReport> reports = new ArrayList<>();
        for (Path capture : captures) reports.add(read(capture));
        List<String> headings = labels != null ? labels : reports.stream().map(CaptureReport::name).toList();
        Path html = ReportFiles.writeSideBySide("Ladder diagrams: " + String.join(" | ", headings), headings, reports,
                captures, out != null ? out : relativeDir(captures.get(0)), sideBySide);
        stdout.println("Report  " + html + "  (" + captures.size() + " captures side by side, and an SVG of each diagram beside it)");
        stdout.flush();
        for (CaptureReport r : reports) {
            if (r.warning().isPresent()) throw new LabException(r.warning().get());
        }
        return 0;
    }

    /** A merged pcapng: one page, <name>.html, with its capture points in columns (client's side first). */
    private void merged(Path capture, List<CapturePoint> points, PrintWriter stdout) throws IOException {
        List<CaptureReport> reports = new ArrayList<>();
        List<Path> names = new ArrayList<>();
        String stem = ReportFiles.htmlFor(capture, Path.of("")).getFileName().toString().replaceFirst("\\.html$", "");
        for (CapturePoint p : points) {
            reports.add(CaptureReport.of(p, maxDiagrams));
            names.add(Path.of(stem + "-" + p.interfaceName() + ".pcapng"));   // names its SVGs: <stem>-<point>-<n>.svg
        }
        List<String> headings = points.stream().map(CapturePoint::interfaceName).toList();
        Path html = ReportFiles.writeSideBySide("Ladder diagrams: " + capture.getFileName() + ", capture points "
                + String.join(" | ", headings), headings, reports, names, out != null ? out : relativeDir(capture), stem + ".html");
        stdout.println("Report  " + html + "  (" + points.size() + " capture points side by side: " + String.join(", ", headings)
                + "; an SVG of each diagram beside it)");
        stdout.flush();
        for (CaptureReport r : reports) {
            if (r.warning().isPresent()) throw new LabException(r.warning().get());
        }
    }

    private CaptureReport read(Path capture) throws IOException {
        if (!Files.isRegularFile(capture)) throw new LabException("no such capture file: " + capture);
        return CaptureReport.of(capture, maxDiagrams);
    }

    /** The capture's folder as the user named it, so the printed path reads like the one they typed. */
    private static Path relativeDir(Path capture) {
        Path parent = capture.getParent();
        return parent != null ? parent : Path.of("");
    }
}
