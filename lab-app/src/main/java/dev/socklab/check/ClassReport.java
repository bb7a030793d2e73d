package dev.socklab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.report.ReportFiles;
import dev.socklab.report.Table;
import dev.socklab.report.Xml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A class run's verdicts, read from its folder ({@code captures/class-<time>/}: one folder per finished
 * submission, with outcome.json and, when graded, report.json): {@code class.html} (a row per student, a
 * column per check, each cell linking to the student's report), {@code class.csv} and {@code junit.xml}.
 */
public record ClassReport(Path dir, List<Row> rows) {
    public static final String HTML = "class.html";
    public static final String CSV = "class.csv";

    /** One finished submission: its outcome, its folder's name, its checks (empty when the lab failed), UDP or not. */
    public record Row(Submission outcome, String folder, List<Check> checks, boolean udp) {
        long passes() {
            return checks.stream().filter(c -> c.verdict() == Verdict.PASS).count();
        }

        long judged() {
            return checks.stream().filter(c -> c.verdict() != Verdict.INFO).count();
        }

        String result() {
            return !outcome.graded() ? "ERROR" : outcome.passed() ? "PASSED" : "FAILED";
        }

        /** What the server had to save (UDP sends no file). */
        String note() {
            if (udp) return "";
            return "expected " + outcome.fileBytes() + " bytes with SHA-256 " + outcome.fileSha256();
        }
    }

    /** Reads every finished submission of the class folder {@code dir}, by student name. */
    public static ClassReport of(Path dir) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Submission s = Submission.read(p);
                if (s == null) continue;
                Path json = p.resolve(CheckReport.JSON);
                List<Check> checks = s.graded() ? checks(json) : List.of();
                boolean udp = Files.isRegularFile(json) && "udp".equals(new ObjectMapper().readTree(json.toFile()).path("user").path("protocol").asText());
                rows.add(new Row(s, p.getFileName().toString(), checks, udp));
            }
        }
        return new ClassReport(dir, rows);
    }

    /** The checks of the user's run, as report.json holds them. */
    static List<Check> checks(Path reportJson) throws IOException {
        List<Check> out = new ArrayList<>();
        if (!Files.isRegularFile(reportJson)) return out;
        for (JsonNode c : new ObjectMapper().readTree(reportJson.toFile()).path("user").path("checks")) {
            List<Long> packets = new ArrayList<>();
            c.path("packets").forEach(n -> packets.add(n.asLong()));
            out.add(new Check(c.path("id").asText(), c.path("title").asText(), Verdict.valueOf(c.path("verdict").asText().toUpperCase(Locale.ROOT)),
                    c.path("detail").asText(), packets));
        }
        return out;
    }

    /** Every check that appears, by id, in order of first appearance, with its title there. */
    Map<String, String> columns() {
        Map<String, String> cols = new LinkedHashMap<>();
        for (Row r : rows) for (Check c : r.checks()) cols.putIfAbsent(c.id(), c.title());
        return cols;
    }

    public long passed() {
        return rows.stream().filter(r -> r.outcome().graded() && r.outcome().passed()).count();
    }

    public long errors() {
        return rows.stream().filter(r -> !r.outcome().graded()).count();
    }

    /** Writes class.html, class.csv and junit.xml into the class folder, each whole or not at all. */
    public void write(String title) throws IOException {
        ReportFiles.replace(dir.resolve(CSV), csv());
        ReportFiles.replace(dir.resolve(JunitReport.FILE), JunitReport.render(title, suites()));
        ReportFiles.replace(dir.resolve(HTML), html(title));
    }

    List<JunitReport.Suite> suites() {
        return rows.stream().map(r -> new JunitReport.Suite(r.outcome().student(), r.checks(), r.outcome().graded() ? null
                : r.outcome().error(), r.outcome().seconds(), r.note())).toList();
    }

    /** The terminal's summary: a line per student. */
    public String table() {
        Table t = new Table("student", "result", ">checks", "failed (check ids, as in report.json)", "folder");
        for (Row r : rows) {
            String failed = !r.outcome().graded() ? "the lab failed: " + r.outcome().error()
                    : String.join(", ", r.checks().stream().filter(c -> c.verdict() == Verdict.FAIL).map(Check::id).toList());
            t.row(r.outcome().student(), r.result(), r.outcome().graded() ? r.passes() + "/" + r.judged() : "", failed, r.folder());
        }
        return t.render();
    }

    String csv() {
        Map<String, String> cols = columns();
        List<String> head = new ArrayList<>(List.of("student", "result", "checks_passed", "checks_judged", "file_bytes", "file_sha256"));
        head.addAll(cols.values());
        head.addAll(List.of("error", "report"));
        StringBuilder s = new StringBuilder(csvLine(head));
        for (Row r : rows) {
            List<String> line = new ArrayList<>(List.of(r.outcome().student(), r.result().toLowerCase(Locale.ROOT),
                    String.valueOf(r.passes()), String.valueOf(r.judged()), String.valueOf(r.outcome().fileBytes()), r.outcome().fileSha256()));
            for (String id : cols.keySet()) line.add(r.checks().stream().filter(c -> c.id().equals(id)).findFirst().map(c -> c.verdict().label()).orElse(""));
            line.add(r.outcome().error() == null ? "" : r.outcome().error());
            line.add(r.folder() + "/" + CheckReport.MARKDOWN);
            s.append(csvLine(line));
        }
        return s.toString();
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvLine(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) out.add(f.matches("(?s).*[,\"\r\n].*") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        return String.join(",", out) + "\r\n";
    }

    String html(String title) {
        Map<String, String> cols = columns();
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Xml.escape(title)).append("</title>\n<style>\n")
                .append("body { font-family: system-ui, sans-serif; margin: 1.5em; }\n")
                .append("table { border-collapse: collapse; font-size: 0.9em; }\n")
                .append("th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; }\n")
                .append("th { background: #f4f4f4; text-align: left; }\n")
                .append("td.pass { background: #e6f4e6; } td.fail { background: #fbe3e3; } td.info { background: #eef2f8; }\n")
                .append("td.error { background: #fff1cc; } code { font-size: 0.85em; }\n</style>\n</head>\n<body>\n<h1>")
                .append(Xml.escape(title)).append("</h1>\n<p>").append(rows.size()).append(" submissions: ").append(passed())
                .append(" passed, ").append(rows.size() - passed() - errors()).append(" failed, ").append(errors())
                .append(" could not be checked. Each cell links to the student's report (checks, evidence, handshake ladders);")
                .append(" hover for what was found. Also: <a href=\"").append(CSV).append("\">").append(CSV).append("</a>, <a href=\"")
                .append(JunitReport.FILE).append("\">").append(JunitReport.FILE).append("</a>.</p>\n<table>\n<tr><th>student</th><th>result</th>");
        for (String t : cols.values()) s.append("<th>").append(Xml.escape(t)).append("</th>");
        s.append("<th>file sent (SHA-256)</th></tr>\n");
        for (Row r : rows) {
            String report = Xml.escape(r.folder() + "/" + CheckReport.MARKDOWN);
            String ladders = Xml.escape(r.folder() + "/" + CheckReport.HTML);
            s.append("<tr><td>").append(Xml.escape(r.outcome().student())).append("<br><a href=\"").append(report)
                    .append("\">report</a> · <a href=\"").append(ladders).append("\">ladders</a></td>");
            String cls = !r.outcome().graded() ? "error" : r.outcome().passed() ? "pass" : "fail";
            s.append("<td class=\"").append(cls).append("\">").append(r.result());
            if (r.outcome().graded()) s.append(" ").append(r.passes()).append("/").append(r.judged());
            s.append("</td>");
            if (!r.outcome().graded()) {
                s.append("<td class=\"error\" colspan=\"").append(Math.max(1, cols.size())).append("\">the lab failed: ")
                        .append(Xml.escape(String.valueOf(r.outcome().error()))).append(" (<a href=\"").append(Xml.escape(r.folder() + "/check.log"))
                        .append("\">log</a>)</td>");
            } else {
                for (String id : cols.keySet()) {
                    Check c = r.checks().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
                    if (c == null) {
                        s.append("<td></td>");
                        continue;
                    }
                    s.append("<td class=\"").append(c.verdict().label()).append("\" title=\"").append(Xml.escape(c.detail()))
                            .append("\"><a href=\"").append(report).append("\">").append(c.verdict().name()).append("</a></td>");
                }
            }
            s.append("<td><code>").append(r.outcome().fileBytes()).append(" B ").append(Xml.escape(r.outcome().fileSha256()))
                    .append("</code></td></tr>\n");
        }
        return s.append("</table>\n</body>\n</html>\n").toString();
    }
}
