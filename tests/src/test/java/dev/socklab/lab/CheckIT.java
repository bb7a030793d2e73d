package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `./lab check` judges classroom programs (tests/src/test/resources/classroom) as a teacher would. */
@RequiresDocker
class CheckIT {
    private static LabCheck lab;

    @BeforeAll
    static void setUp() {
        lab = new LabCheck();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (lab != null) lab.close();
    }

    @Test
    void aCorrectTcpPairPassesEveryCheck() throws Exception {
        LabCheck.Result r = lab.run("tcp-good", "--server", "python3 server.py", "--client", "python3 client.py {server_ip}");
        assertEquals(0, r.exitCode(), r.toString());
        for (String id : new String[] {"listening", "handshake", "greeting", "file", "teardown", "second-client", "client-exit"}) {
            assertEquals("pass", r.verdict(id), id + "\n" + r);
        }
        assertEquals(3, r.check("handshake").path("packets").size(), "SYN, SYN-ACK and ACK by packet number");
        assertTrue(r.referencePassed(), r.toString());
        assertTrue(Files.isRegularFile(r.dir().resolve("report.md")));
        String junit = Files.readString(r.dir().resolve("junit.xml"));
        // Every check a test case (the protocol found, the second client and its sandbox included): what CI shows (docs/ci/).
        assertTrue(junit.contains("<testsuite name=\"tcp-good\" tests=\"11\" failures=\"0\""), junit);
        assertTrue(r.output().contains("data bytes server→client"), "the greeting is a difference from raw mode:\n" + r);
        assertTrue(detail(r, "second-client").startsWith("a second client (your client, run again) connected after the first had left "
                + "and was served"), "the server loops on accept(): " + r);
        assertEquals(3, r.report().path("user").path("programs").size(), "the server and two clients in a row: " + r);
    }

    @Test
    void aServerThatGreetsOnAcceptIsCheckedWithTheRawClient() throws Exception {
        // Known case: a greet-first, recv-until-EOF server needs raw form; a greeting client's line would be saved.
        LabCheck.Result r = lab.run("tcp-good", "--server", "python3 server.py");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("raw", form(r).path("protocol").asText(), r.toString());
        assertTrue(form(r).path("evidence").asText().startsWith("raw: the server spoke first ('Hello client\\n', packet "), r.toString());
        assertEquals("pass", r.verdict("file"), r.toString());
        assertFalse(Files.exists(r.dir().resolve("user-raw")), "no second run: the raw one delivered the file");
    }

    @Test
    void aTextbookGreetingServerIsFoundOnTheWireAndCheckedWithAGreetingClient() throws Exception {
        LabCheck.Result r = lab.run("tcp-greeting", "--server", "python3 server.py");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("greeting", form(r).path("protocol").asText(), r.toString());
        String evidence = form(r).path("evidence").asText();
        assertTrue(evidence.matches("greeting: the client sent 22 bytes without a newline \\(packet \\d+\\) and waited (\\d+|under 1) ms; "
                + "the server answered 'Hello from the server!' \\(packet \\d+\\)"), evidence);
        assertEquals(2, form(r).path("packets").size(), "the client's greeting and the server's answer: " + r);
        assertTrue(form(r).path("how").asText().contains("user-raw"), r.toString());
        assertTrue(Files.isDirectory(r.dir().resolve("user-raw")), "the raw run that showed it stays");
        for (String id : new String[] {"greeting", "file", "teardown", "second-client", "client-exit"}) {
            assertEquals("pass", r.verdict(id), id + "\n" + r);
        }
        assertTrue(r.output().contains("TCP port 9898, greeting form"), r.toString());
        assertTrue(r.report().path("reference").path("programs").get(0).path("command").asText().contains("--protocol greeting"),
                "the reference speaks the form found: " + r);
        assertTrue(r.referencePassed(), r.toString());
    }

    @Test
    void aTextbookGreetingClientIsServedAndFoundOnTheWire() throws Exception {
        LabCheck.Result r = lab.run("tcp-greeting", "--client", "python3 client.py {server_ip}");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("greeting", form(r).path("protocol").asText(), r.toString());
        String evidence = form(r).path("evidence").asText();
        assertTrue(evidence.startsWith("greeting: the client sent 22 bytes without a newline (packet "), evidence);
        long waited = Long.parseLong(evidence.replaceAll(".* and waited (\\d+) ms.*", "$1"));
        assertTrue(waited >= 450, "socklab's server answers after its greeting pause (500 ms): " + evidence);
        assertEquals("pass", r.verdict("file"), r.toString());
        assertEquals("pass", r.verdict("greeting"), r.toString());
        assertTrue(r.referencePassed(), r.toString());
    }

    @Test
    void aServerThatNeverClosesIsReportedAsHanging() throws Exception {
        LabCheck.Result r = lab.run("tcp-never-closes", "--server", "python3 server.py", "--timeout", "5");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("pass", r.verdict("file"), r.toString());
        assertEquals("fail", r.verdict("teardown"), r.toString());
        assertTrue(r.check("teardown").path("detail").asText().startsWith("hang"), r.toString());
        assertEquals(1, r.check("teardown").path("packets").size(), "the client's unanswered FIN");
    }

    @Test
    void aClientThatAbortsWithRstFailsTheTeardownAndDeliversNothing() throws Exception {
        LabCheck.Result r = lab.run("tcp-client-rst", "--client", "python3 client.py {server_ip}", "--timeout", "5");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("pass", r.verdict("handshake"), r.toString());
        assertEquals("fail", r.verdict("teardown"), r.toString());
        assertTrue(r.check("teardown").path("detail").asText().startsWith("RST by the client"), r.toString());
        assertEquals("fail", r.verdict("file"), r.toString());
        assertEquals("pass", r.verdict("client-exit"), "the client itself exits cleanly: the RST is the fault");
    }

    @Test
    void aServerThatSavesOnlyTheFirstRecvIsCaughtTruncating() throws Exception {
        LabCheck.Result r = lab.run("tcp-truncating-server", "--server", "python3 server.py", "--timeout", "5");
        assertEquals(1, r.exitCode(), r.toString());
        String file = r.check("file").path("detail").asText();
        assertEquals("fail", r.verdict("file"), r.toString());
        assertTrue(file.startsWith("truncated: 512 of "), file);
        assertTrue(file.contains("crossed the wire"), file);
        assertEquals("info", r.verdict("second-client"), "exits after one client: " + r);
        assertTrue(detail(r, "second-client").startsWith("one client only: the server exits after one client (exit code 0)"), r.toString());
    }

    @Test
    void aCorrectUdpTwoClientPairPassesWithEachClientOnItsPort() throws Exception {
        LabCheck.Result r = lab.run("udp-good", "--udp", "--server", "python3 udp_server.py",
                "--client", "python3 c1.py {server_ip}", "--client", "python3 c2.py {server_ip}");
        assertEquals(0, r.exitCode(), r.toString());
        for (String id : new String[] {"listening", "client-port", "client2-port", "client-lost", "client2-lost", "client-exit", "client2-exit"}) {
            assertEquals("pass", r.verdict(id), id + "\n" + r);
        }
        assertTrue(r.check("client-port").path("detail").asText().contains(":11000 → "), r.toString());
        assertTrue(r.check("client2-port").path("detail").asText().contains(":13000 → "), r.toString());
        assertEquals(sender(r.check("client-port")), sender(r.check("client2-port")),
                "c1 and c2 run on one host: one address, told apart by the port");
        assertTrue(r.referencePassed(), r.toString());
        assertFalse(r.output().contains("FAIL "), r.toString());
    }

    private static String detail(LabCheck.Result r, String id) {
        return r.check(id).path("detail").asText();
    }

    /** The TCP form the check found in the user's run. */
    private static com.fasterxml.jackson.databind.JsonNode form(LabCheck.Result r) {
        return r.report().path("user").path("form");
    }

    /** The sending address in "100 datagrams 10.200.2.50:11000 → 10.200.1.30:12000". */
    private static String sender(com.fasterxml.jackson.databind.JsonNode check) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+):\\d+ → ").matcher(check.path("detail").asText());
        if (!m.find()) throw new AssertionError("no sender in " + check);
        return m.group(1);
    }
}
