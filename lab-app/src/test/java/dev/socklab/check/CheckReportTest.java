package dev.socklab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.socklab.tcp.Form;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks on real captures (the pcap fixtures, made by tcpdump): a server that resets the
 * connection and saves nothing, beside a clean transfer as the reference.
 */
class CheckReportTest {
    @TempDir
    Path dir;

    @BeforeEach
    void twoRuns() throws IOException {
        // tcp-rst.pcap, connection 2: the client sends "early data\n", the server FINs (packet 8), then RSTs (packet 10).
        run("user", "tcp-rst.pcap", "early data\n".getBytes(), null, "server.by=user\nserver.command=python3 server.py\nserver.exit=1\n");
        // tcp-ethernet.pcap: 1000 bytes client→server (packet 4), 8 bytes back (6), FIN server (8) then client (10).
        byte[] thousand = "a".repeat(1000).getBytes();
        run("reference", "tcp-ethernet.pcap", thousand, thousand, "server.by=socklab\nserver.command=tcp-server --raw\n"
                + "server.listening-after=yes\nserver.exit=\n");
    }

    @Test
    void theUsersRunFailsWithThePacketsThatProveIt() throws IOException {
        CheckReport report = CheckReport.of(dir);
        assertFalse(report.passed());
        assertEquals(Verdict.PASS, check(report.user(), "listening").verdict());
        assertEquals(List.of(4L), check(report.user(), "listening").packets());
        assertEquals(List.of(3L, 4L, 5L), check(report.user(), "handshake").packets());

        Check teardown = check(report.user(), "teardown");
        assertEquals(Verdict.FAIL, teardown.verdict());
        assertTrue(teardown.detail().startsWith("RST by the server"), teardown.detail());
        assertEquals(List.of(10L, 8L), teardown.packets());

        Check file = check(report.user(), "file");
        assertEquals(Verdict.FAIL, file.verdict());
        assertEquals("the server saved no recv.txt; the wire carried 11 bytes client→server", file.detail());
        assertEquals(List.of(9L), file.packets());
        assertEquals(Verdict.FAIL, check(report.user(), "second-client").verdict(), "exit code 1 is a crash");
        assertEquals(Verdict.PASS, check(report.user(), "client-exit").verdict());
    }

    @Test
    void theReferenceRunPassesAndTheDifferencesAreListed() throws IOException {
        CheckReport report = CheckReport.of(dir);
        assertTrue(report.reference().passed(), () -> report.reference().failed().toString());
        // 1000 bytes without a newline, then the client waits for the server's 8 bytes: the textbook greeting's shape.
        assertEquals(Optional.of(Form.GREETING), report.reference().exchange().flatMap(Exchange::form));
        assertEquals(Verdict.PASS, check(report.reference(), "greeting").verdict());
        assertEquals(List.of(4L, 6L), check(report.reference(), "protocol").packets());
        assertEquals(Optional.of(Form.RAW), report.user().exchange().flatMap(Exchange::form), "the server spoke first: raw");
        Difference closer = report.differences().stream().filter(d -> d.measure().equals("who closed first")).findFirst().orElseThrow();
        assertEquals("server", closer.user());
        assertEquals("server", closer.reference());
        assertFalse(closer.differs());
        assertTrue(report.differences().stream().anyMatch(d -> d.measure().equals("data bytes client→server") && d.differs()));
    }

    @Test
    void writesMarkdownAndJsonBesideTheRuns() throws IOException {
        CheckReport report = CheckReport.of(dir);
        report.write();
        String md = Files.readString(dir.resolve(CheckReport.MARKDOWN));
        assertTrue(md.startsWith("# socklab check: FAILED"), md);
        assertTrue(md.contains("| FAIL | orderly teardown"), md);
        assertTrue(md.contains("----------------- SYN ----------------->"), "ladder diagrams:\n" + md);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(CheckReport.JSON).toFile());
        assertFalse(json.path("passed").asBoolean());
        assertTrue(json.path("reference").path("passed").asBoolean());
        assertEquals("raw", json.path("user").path("form").path("protocol").asText(), json.toString());
        assertTrue(json.path("user").path("form").path("evidence").asText().startsWith("raw: the server spoke first ('byen', packet 6)"), json.toString());
        assertEquals("python3 server.py", json.path("user").path("programs").get(0).path("command").asText());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temp file left");
        }
        assertTrue(report.checklist().contains("RESULT: FAILED"), report.checklist());
    }

    private static Check check(RunResult run, String id) {
        return run.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private void run(String name, String fixture, byte[] sent, byte[] received, String server) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        try (InputStream in = getClass().getResourceAsStream("/pcap/" + fixture)) {
            Files.copy(in, run.resolve(fixture));
        }
        Files.write(Files.createDirectories(run.resolve("client")).resolve("sample.txt"), sent);
        Files.createDirectories(run.resolve("server"));
        if (received != null) Files.write(run.resolve("server/recv.txt"), received);
        Files.writeString(run.resolve("client.log"), "Sent\n");
        Files.writeString(run.resolve(RunRecord.FILE), "protocol=tcp\nport=9898\ntimeout=20\npcap=" + fixture + "\n"
                + "server.listening=yes\nserver.closed=yes\n" + server
                + "client.by=socklab\nclient.command=tcp-client {server_ip} --raw\nclient.exit=0\nclient.hung=no\n");
    }
}
