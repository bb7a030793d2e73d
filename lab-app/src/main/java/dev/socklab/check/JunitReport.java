package dev.socklab.check;

import dev.socklab.report.Xml;
import java.util.List;
import java.util.Locale;

/**
 * junit.xml, the file CI systems display (GitHub's and GitLab's test reports, Jenkins): one test suite per
 * submission, one test case per check. A failed check is a {@code <failure>} whose message is the evidence
 * (what was found, the packets); an info check passes with its finding as output; a submission that could not
 * be checked at all (the lab failed) is one {@code <error>}.
 */
public final class JunitReport {
    public static final String FILE = "junit.xml";

    private JunitReport() {
    }

    /**
     * One submission.
     *
     * @param name    the student (or the folder checked)
     * @param checks  its run's checks; empty when it could not be checked
     * @param error   why it could not be checked, or null
     * @param seconds how long its check took
     * @param note    added to every failure's message: what was expected (the file's size and SHA-256), or ""
     */
    public record Suite(String name, List<Check> checks, String error, double seconds, String note) {
        public Suite {
            checks = List.copyOf(checks);
            note = note == null ? "" : note;
        }

        long failures() {
            return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).count();
        }
    }

    public static String render(String title, List<Suite> suites) {
        long tests = 0;
        long failures = 0;
        long errors = 0;
        double seconds = 0;
        StringBuilder body = new StringBuilder();
        for (Suite s : suites) {
            int n = s.error() != null ? 1 : s.checks().size();
            tests += n;
            failures += s.failures();
            errors += s.error() != null ? 1 : 0;
            seconds += s.seconds();
            body.append("  <testsuite name=\"").append(attr(s.name())).append("\" tests=\"").append(n).append("\" failures=\"")
                    .append(s.failures()).append("\" errors=\"").append(s.error() != null ? 1 : 0).append("\" skipped=\"0\" time=\"")
                    .append(time(s.seconds())).append("\">\n");
            String classname = "socklab.check." + s.name();
            if (s.error() != null) {
                body.append("    <testcase classname=\"").append(attr(classname)).append("\" name=\"the check ran\" time=\"")
                        .append(time(s.seconds())).append("\">\n      <error message=\"").append(attr(s.error()))
                        .append("\" type=\"lab\">").append(Xml.escape(s.error())).append("</error>\n    </testcase>\n");
            }
            for (Check c : s.checks()) {
                body.append("    <testcase classname=\"").append(attr(classname)).append("\" name=\"").append(attr(c.title()))
                        .append("\" time=\"0\">");
                String evidence = c.detail() + (c.packets().isEmpty() ? "" : " (" + c.packetText() + ")");
                if (c.verdict() == Verdict.FAIL) {
                    String message = evidence + (s.note().isEmpty() ? "" : "; " + s.note());
                    body.append("\n      <failure message=\"").append(attr(message)).append("\" type=\"").append(attr(c.id()))
                            .append("\">").append(Xml.escape(message)).append("</failure>\n    ");
                } else if (c.verdict() == Verdict.INFO) {
                    body.append("\n      <system-out>").append(Xml.escape("info: " + evidence)).append("</system-out>\n    ");
                }
                body.append("</testcase>\n");
            }
            body.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + attr(title) + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" time=\"" + time(seconds) + "\">\n" + body + "</testsuites>\n";
    }

    /** Attribute values: escaped, and a newline kept as an entity (a raw one would be read back as a space). */
    private static String attr(String text) {
        return Xml.escape(text).replace("\n", "&#10;");
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
