package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** {@code report CAPTURE... [--out DIR]}: the files it writes, what it prints, and its one-line errors. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ReportCommandTest.class.getResource("/pcap/" + name)).toURI());
    }

    private Path copy(String fixture, String as) throws Exception {
        return Files.copy(fixture(fixture), tmp.resolve(as));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(file, StandardCharsets.UTF_8))));
    }

    @Test
    void writesTheHtmlAndAnSvgPerConversationNextToTheCapture() throws Exception {
        Path capture = copy("tcp-rst.pcap", "server-run.pcap");
        CliRun r = CliRun.of("report", capture.toString());
        assertEquals(0, r.exit(), r.err().toString());
        assertEquals(List.of("Report  " + tmp.resolve("server-run.html") + "  (2 diagrams, and an SVG of each beside it)"),
                r.out());
        assertEquals(List.of("server-run-1.svg", "server-run-2.svg", "server-run.html", "server-run.pcap"), names(tmp));
        String html = Files.readString(tmp.resolve("server-run.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("TCP connection 1: client 127.0.0.1:56162 → server 127.0.0.1:9899"), html);
        assertTrue(html.contains("handshake: INCOMPLETE: no SYN-ACK from the server"), html);
        assertTrue(html.contains("<a href=\"server-run-2.svg\">"), html);
        // Each SVG is well-formed XML with an arrow head (polygon) per packet: 2 and 8 packets.
        assertEquals(2, xml(tmp.resolve("server-run-1.svg")).getElementsByTagName("polygon").getLength());
        assertEquals(8, xml(tmp.resolve("server-run-2.svg")).getElementsByTagName("polygon").getLength());
    }

    @Test
    void selfContainedNothingFetchedNoScript() throws Exception {
        Path capture = copy("udp.pcap", "udp.pcap");
        assertEquals(0, CliRun.of("report", capture.toString(), "--out", tmp.resolve("out").toString()).exit());
        String html = Files.readString(tmp.resolve("out/udp.html")).toLowerCase(Locale.ROOT);
        for (String fetches : List.of("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "https:")) {
            assertFalse(html.contains(fetches), "the report must not load anything: found " + fetches);
        }
        // The one http: is SVG's namespace name, which no browser fetches.
        assertEquals(html.split("http:", -1).length - 1, html.split("xmlns=\"http://www.w3.org/2000/svg\"", -1).length - 1);
        assertTrue(html.contains("udp flow 1: initiator 127.0.0.1:59004 → responder 127.0.0.1:9900"), html);
    }

    @Test
    void textFromTheCaptureIsEscaped() throws Exception {
        String hostile = "<script>alert('x')<\\script>&\"q";   // no '/': a file name cannot hold one
        Path capture = copy("tcp-ethernet.pcap", hostile + ".pcap");
        Path out = tmp.resolve("out");
        assertEquals(0, CliRun.of("report", capture.toString(), "--out", out.toString()).exit());
        String html = Files.readString(out.resolve(hostile + ".html"));
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;\\script&gt;&amp;&quot;q"), html);
        xml(out.resolve(hostile + "-1.svg"));   // parses: nothing unescaped
    }

    @Test
    void rewritingReplacesTheOldReportAndLeavesNoTemporaryFile() throws Exception {
        Path capture = copy("tcp-ethernet.pcap", "cap.pcap");
        Files.writeString(tmp.resolve("cap.html"), "old report");
        assertEquals(0, CliRun.of("report", capture.toString()).exit());
        assertEquals(0, CliRun.of("report", capture.toString()).exit());
        assertTrue(Files.readString(tmp.resolve("cap.html")).contains("TCP connection 1"));
        assertEquals(List.of("cap-1.svg", "cap.html", "cap.pcap"), names(tmp));
    }

    @Test
    void severalCapturesOneReportEach() throws Exception {
        Path a = copy("tcp-ethernet.pcap", "a.pcap");
        Path b = copy("udp.pcap", "b.pcap");
        CliRun r = CliRun.of("report", a.toString(), b.toString(), "--out", tmp.resolve("r").toString());
        assertEquals(0, r.exit());
        assertEquals(2, r.out().size());
        assertEquals(List.of("a-1.svg", "a.html", "b-1.svg", "b-2.svg", "b.html"), names(tmp.resolve("r")));
    }

    @Test
    void maxDiagramsCountsTheRest() throws Exception {
        Path capture = copy("tcp-rst.pcap", "rst.pcap");
        assertEquals(0, CliRun.of("report", capture.toString(), "--max-diagrams", "1").exit());
        assertEquals(List.of("rst-1.svg", "rst.html", "rst.pcap"), names(tmp));
        assertTrue(Files.readString(tmp.resolve("rst.html")).contains("1 more conversations are in the capture but not drawn"));
    }

    @Test
    void missingFileIsOneLine() {
        CliRun r = CliRun.of("report", tmp.resolve("nope.pcap").toString());
        assertEquals(1, r.exit());
        assertEquals("report: no such capture file: " + tmp.resolve("nope.pcap"), r.errLine());
    }

    @Test
    void notACaptureIsOneLineAndWritesNothing() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.pcap"), "hello, not a capture\n");
        CliRun r = CliRun.of("report", text.toString());
        assertEquals(1, r.exit());
        assertTrue(r.errLine().startsWith("report: notes.pcap is not a pcap capture"), r.errLine());
        assertEquals(List.of("notes.pcap"), names(tmp));
    }

    @Test
    void truncatedCaptureIsReportedUpToItsLastPacketThenOneLine() throws Exception {
        byte[] pcap = Files.readAllBytes(fixture("tcp-ethernet.pcap"));
        Path cut = Files.write(tmp.resolve("cut.pcap"), Arrays.copyOf(pcap, pcap.length - 10));
        CliRun r = CliRun.of("report", cut.toString());
        assertEquals(1, r.exit());
        assertTrue(r.errLine().startsWith("report: ") && r.errLine().endsWith("the report covers the complete packets before it"),
                r.errLine());
        String html = Files.readString(tmp.resolve("cut.html"));
        assertTrue(html.contains("class=\"warning\""), html);
        assertEquals(10, xml(tmp.resolve("cut-1.svg")).getElementsByTagName("polygon").getLength());
    }

    @Test
    void outMustBeAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        CliRun r = CliRun.of("report", fixture("tcp-ethernet.pcap").toString(), "--out", file.toString());
        assertEquals(1, r.exit());
        assertEquals("report: --out: not a folder: " + file, r.errLine());
    }

    @Test
    void sideBySidePutsTwoCapturesInColumnsOfOnePageWithTheirLabels() throws Exception {
        Path yours = copy("tcp-rst.pcap", "yours.pcap");
        Path reference = copy("tcp-ethernet.pcap", "reference.pcap");
        CliRun r = CliRun.of("report", yours.toString(), reference.toString(), "--out", tmp.resolve("out").toString(),
                "--side-by-side", "report.html", "--label", "your run", "--label", "reference <run>");
        assertEquals(0, r.exit(), r.err().toString());
        assertEquals(List.of("Report  " + tmp.resolve("out/report.html") + "  (2 captures side by side, and an SVG of each diagram beside it)"),
                r.out());
        List<String> files = names(tmp.resolve("out"));
        assertTrue(files.contains("report.html") && files.contains("yours-1.svg") && files.contains("reference-1.svg"), files.toString());
        String html = Files.readString(tmp.resolve("out/report.html"));
        assertEquals(2, html.split("<div>\n<h1>", -1).length - 1, "two columns");
        assertTrue(html.indexOf("your run") < html.indexOf("reference &lt;run&gt;"), "labels in order, escaped");
        assertTrue(html.contains("id=\"c1d1\"") && html.contains("id=\"c2d1\""), "section ids unique across columns");
        assertFalse(html.contains("<script"));
    }

    @Test
    void sideBySideNeedsOneLabelPerCaptureAndAPlainHtmlName() throws Exception {
        Path a = copy("tcp-rst.pcap", "a.pcap");
        CliRun r = CliRun.of("report", a.toString(), "--side-by-side", "report.html", "--label", "x", "--label", "y");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().size(), r.err().toString());
        r = CliRun.of("report", a.toString(), "--side-by-side", "../report.html");
        assertEquals(2, r.exit());
        assertTrue(r.err().get(0).contains("plain file name"), r.err().toString());
    }
}
