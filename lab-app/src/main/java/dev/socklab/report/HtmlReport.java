package dev.socklab.report;

import java.util.List;
import java.util.Locale;

/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched) with a
 * heading and a ladder diagram per conversation.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { margin: 0; padding: 16px 24px; background: #f6f8fa; color: #1f2328;
                   font-family: system-ui, sans-serif; font-size: 14px; line-height: 20px; }
            main { margin: 0 auto; }
            h1 { font-size: 22px; line-height: 28px; margin: 0 0 6px; }
            h2 { font-size: 17px; line-height: 24px; margin: 0 0 6px; }
            p { margin: 4px 0; }
            section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 9px; margin: 16px 0; }
            table { border-collapse: collapse; margin: 6px 0; }
            th, td { padding: 1px 12px 1px 0; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            th { font-weight: 600; color: #57606a; }
            ul { margin: 6px 0 10px; padding-left: 20px; }
            svg { display: block; margin: 6px 0; }
            .legend span { display: inline-block; margin-right: 16px; }
            .swatch { display: inline-block; width: 22px; height: 3px; margin-right: 6px; vertical-align: middle; }
            .warning { color: #cf222e; font-weight: 600; }
            .muted { color: #57606a; }
            """;

    private HtmlReport() {
    }

    /**
     * @param svgFiles the file name of each ladder's SVG, in {@link CaptureReport#ladders()} order
     */
    public static String render(CaptureReport report, List<String> svgFiles) {
        StringBuilder s = new StringBuilder();
        open(s, "Ladder diagrams: " + report.name(), "main { max-width: 920px; }");
        s.append("<h1>").append(Xml.escape("Ladder diagrams: " + report.name())).append("</h1>\n");
        legend(s);
        capture(s, report, svgFiles, "d");
        return close(s);
    }

    /**
     * Two captures in two columns, e.g. a student's run beside the reference run of the same exercise.
     *
     * @param labels   a heading per column
     * @param svgFiles per report, the file name of each ladder's SVG
     */
    public static String renderSideBySide(String title, List<String> labels, List<CaptureReport> reports,
                                          List<List<String>> svgFiles) {
        StringBuilder s = new StringBuilder();
        open(s, title, "main { max-width: 1880px; } .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }"
                + " .columns > div { min-width: 0; overflow-x: auto; }");
        s.append("<h1>").append(Xml.escape(title)).append("</h1>\n");
        legend(s);
        s.append("<div class=\"columns\">\n");
        for (int i = 0; i < reports.size(); i++) {
            s.append("<div>\n<h1>").append(Xml.escape(labels.get(i))).append("</h1>\n");
            capture(s, reports.get(i), svgFiles.get(i), "c" + (i + 1) + "d");
            s.append("</div>\n");
        }
        s.append("</div>\n");
        return close(s);
    }

    private static void open(StringBuilder s, String title, String extraStyle) {
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(Xml.escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append(extraStyle).append("\n</style>\n</head>\n<body>\n<main>\n");
    }

    private static String close(StringBuilder s) {
        s.append("</main>\n</body>\n</html>\n");
        return s.toString();
    }

    private static void legend(StringBuilder s) {
        s.append("<p class=\"muted\">One arrow per packet, from the host that sent it, in capture order. Sequence numbers")
                .append(" are relative to each side's initial sequence number, as Wireshark shows them. A long")
                .append(" conversation keeps its first ").append(Defaults.HEAD_ROWS).append(" and last ")
                .append(Defaults.TAIL_ROWS).append(" packets; those between are folded and counted.</p>\n");
        s.append("<p class=\"legend\">");
        for (Phase p : Phase.values()) {
            s.append("<span><span class=\"swatch\" style=\"background: ").append(LadderSvg.color(p)).append("\"></span>")
                    .append(Xml.escape(p.legend())).append("</span>");
        }
        s.append("</p>\n");
    }

    /** One capture's part of a page: its counts, warning, and a section per ladder (ids {@code idPrefix + n}). */
    private static void capture(StringBuilder s, CaptureReport report, List<String> svgFiles, String idPrefix) {
        s.append("<p>").append(Xml.escape(String.format(Locale.ROOT, "%s: %,d frames, %s, %s", report.name(),
                report.frames(), count(report.tcpConnections(), "TCP connection"), count(report.udpFlows(), "UDP flow"))))
                .append("</p>\n");
        report.warning().ifPresent(w -> s.append("<p class=\"warning\">").append(Xml.escape(w)).append("</p>\n"));
        if (report.ladders().isEmpty()) {
            s.append("<p>No TCP connection or UDP flow in this capture: nothing to draw.</p>\n");
        }
        for (int i = 0; i < report.ladders().size(); i++) {
            section(s, idPrefix + (i + 1), report.ladders().get(i), svgFiles.get(i));
        }
        if (report.notDrawn() > 0) {
            s.append("<p class=\"warning\">").append(Xml.escape(String.format(Locale.ROOT,
                    "%,d more conversations are in the capture but not drawn (see --max-diagrams).",
                    report.notDrawn()))).append("</p>\n");
        }
    }

    private static void section(StringBuilder s, String id, Ladder l, String svgFile) {
        s.append("<section id=\"").append(id).append("\">\n");
        s.append("<h2>").append(Xml.escape(l.title() + ": " + l.leftRole() + " " + l.left() + " → "
                + l.rightRole() + " " + l.right())).append("</h2>\n");
        s.append("<table>\n<tr><th>direction</th><th>packets</th><th>payload bytes</th></tr>\n");
        row(s, l.leftRole() + " → " + l.rightRole(), l.fromLeft());
        row(s, l.rightRole() + " → " + l.leftRole(), l.fromRight());
        s.append("</table>\n<ul>\n");
        for (String note : l.notes()) s.append("<li>").append(Xml.escape(note)).append("</li>\n");
        s.append("</ul>\n");
        s.append(LadderSvg.render(l));
        s.append("<p class=\"muted\">This diagram alone: <a href=\"").append(Xml.escape(svgFile)).append("\">")
                .append(Xml.escape(svgFile)).append("</a></p>\n");
        s.append("</section>\n");
    }

    private static void row(StringBuilder s, String direction, Traffic t) {
        s.append("<tr><td>").append(Xml.escape(direction)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", t.packets())).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", t.bytes())).append("</td></tr>\n");
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }
}
