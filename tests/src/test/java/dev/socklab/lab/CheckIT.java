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
        assertTrue(junit.contains("<testsuite name=\"tcp-good\" tests=\"9\" failures=\"0\""), junit);   // what CI shows (docs/ci/)
        assertTrue(r.output().contains("data bytes server→client"), "the greeting is a difference from raw mode:\n" + r);
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

    /** The sending address in "100 datagrams 10.200.2.50:11000 → 10.200.1.30:12000". */
    private static String sender(com.fasterxml.jackson.databind.JsonNode check) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+):\\d+ → ").matcher(check.path("detail").asText());
        if (!m.find()) throw new AssertionError("no sender in " + check);
        return m.group(1);
    }
}
