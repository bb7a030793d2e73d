package dev.socklab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A class folder as ./lab check --class leaves it, read back into class.html, class.csv and junit.xml. */
class ClassReportTest {
    @TempDir
    Path dir;

    @Test
    void eachStudentIsASuiteEachCheckACaseAndAFailureCarriesItsEvidence() throws Exception {
        graded("alice", true, "{\"id\": \"file\", \"title\": \"recv.txt arrived byte-identical\", \"verdict\": \"pass\", \"detail\": \"5000 bytes\", \"packets\": [8]}");
        graded("bob", false, "{\"id\": \"file\", \"title\": \"recv.txt arrived byte-identical\", \"verdict\": \"fail\","
                + " \"detail\": \"truncated: 512 of 5000 bytes, <&>\", \"packets\": [8, 9]},"
                + " {\"id\": \"greeting\", \"title\": \"greeting exchange\", \"verdict\": \"info\", \"detail\": \"none\", \"packets\": []}");
        Path carol = Files.createDirectories(dir.resolve("carol"));
        new Submission("carol, the third", Submission.ERROR, false, "the lab did not start", 3, 4100, "ab").write(carol);
        Files.createDirectories(dir.resolve(".dave.partial"));   // unfinished: not in the reports

        ClassReport report = ClassReport.of(dir);
        assertEquals(3, report.rows().size());
        assertEquals(1, report.passed());
        assertEquals(1, report.errors());
        report.write("class <test>");

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(JunitReport.FILE).toFile());
        NodeList suites = junit.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        Element bob = (Element) suites.item(1);
        assertEquals("bob", bob.getAttribute("name"));
        assertEquals("2", bob.getAttribute("tests"));
        assertEquals("1", bob.getAttribute("failures"));
        Element failure = (Element) bob.getElementsByTagName("failure").item(0);
        assertEquals("truncated: 512 of 5000 bytes, <&> (packets 8, 9); expected 5000 bytes with SHA-256 " + sha("bob"),
                failure.getAttribute("message"));
        assertEquals("file", failure.getAttribute("type"));
        Element carolSuite = (Element) suites.item(2);
        assertEquals("the lab did not start", ((Element) carolSuite.getElementsByTagName("error").item(0)).getAttribute("message"));
        assertEquals("1", junit.getDocumentElement().getAttribute("failures"));
        assertEquals("1", junit.getDocumentElement().getAttribute("errors"));

        List<String> csv = Files.readAllLines(dir.resolve(ClassReport.CSV), StandardCharsets.UTF_8);
        assertEquals("student,result,checks_passed,checks_judged,file_bytes,file_sha256,recv.txt arrived byte-identical,greeting exchange,error,report",
                csv.get(0).strip());
        assertEquals("bob,failed,0,1,5000," + sha("bob") + ",fail,info,,bob/report.md", csv.get(2).strip());
        assertEquals("\"carol, the third\",error,0,0,4100,ab,,,the lab did not start,carol/report.md", csv.get(3).strip());

        String html = Files.readString(dir.resolve(ClassReport.HTML));
        assertTrue(html.contains("<a href=\"bob/report.md\">FAIL</a>"), html);
        assertTrue(html.contains("<a href=\"bob/report.html\">ladders</a>"), html);
        assertTrue(html.contains("class &lt;test&gt;"), html);
        assertTrue(html.contains("title=\"truncated: 512 of 5000 bytes, &lt;&amp;&gt;\""), html);
        assertTrue(report.table().matches("(?s).*\nbob +FAILED +0/1 +file +bob\n.*"), report.table());
    }

    @Test
    void aSingleCheckIsOneSuite() throws Exception {
        String xml = JunitReport.render("socklab check", List.of(new JunitReport.Suite("mycode",
                List.of(new Check("teardown", "orderly teardown", Verdict.FAIL, "hang: no FIN\nat all", List.of(13L))), null, 0, "")));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element f = (Element) d.getElementsByTagName("failure").item(0);
        assertEquals("hang: no FIN\nat all (packet 13)", f.getAttribute("message"), "a newline in the evidence survives the attribute");
    }

    @Test
    void individualFilesDependOnTheSeedAndTheNameAndOnNothingElse() {
        byte[] a = IndividualFile.of("seed1", "alice");
        assertTrue(java.util.Arrays.equals(a, IndividualFile.of("seed1", "alice")), "a regrade sends the same file");
        assertNotEquals(sha(a), sha(IndividualFile.of("seed1", "bob")));
        assertNotEquals(sha(a), sha(IndividualFile.of("seed2", "alice")));
        for (String name : List.of("alice", "bob", "Zoë", "x".repeat(300))) {
            byte[] f = IndividualFile.of("s", name);
            assertTrue(f.length >= IndividualFile.MIN_BYTES && f.length <= IndividualFile.MAX_BYTES + 1024, name + ": " + f.length);
            assertEquals('\n', f[f.length - 1]);
        }
        assertEquals(16, IndividualFile.newSeed().length());
        assertNotEquals(IndividualFile.newSeed(), IndividualFile.newSeed());
    }

    private void graded(String student, boolean passed, String checks) throws IOException {
        Path d = Files.createDirectories(dir.resolve(student));
        Files.writeString(d.resolve(CheckReport.JSON), "{\"passed\": " + passed + ", \"user\": {\"checks\": [" + checks + "]}}");
        new Submission(student, Submission.GRADED, passed, null, 20.5, 5000, sha(student)).write(d);
    }

    private static String sha(String s) {
        return sha(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
