package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What socklab reads from the engine's socket and from a check's hosts: HTTP answers, exec streams, lab-collect's lines. */
class EngineAnswersTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aChunkedAnswerIsJoinedAndItsStatusKept() {
        EngineSocket.Answer a = EngineSocket.parse(bytes("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n[{\"Id\r\n9\r\n\":\"ab\"}]\n\r\n0\r\n\r\n"));
        assertEquals(200, a.status());
        assertEquals("ab", a.json().get(0).path("Id").asText());
    }

    @Test
    void aRefusalCarriesTheEnginesMessageAsTheCliPrintsIt() {
        EngineSocket.Answer a = EngineSocket.parse(bytes("HTTP/1.1 409 Conflict\r\nContent-Length: 40\r\n\r\n{\"message\":\"Container 1f is not running\"}"));
        assertEquals(409, a.status());
        assertEquals("Error response from daemon: Container 1f is not running", a.message());
    }

    @Test
    void anAnswerCutBeforeItsHeadersEndIsTheLabsFailure() {
        assertThrows(LabFailure.class, () -> EngineSocket.parse(bytes("HTTP/1.1 200 OK\r\nContent-Len")));
    }

    private static void frame(ByteArrayOutputStream out, int stream, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(8).put((byte) stream).put(new byte[3]).putInt(b.length).array());
        out.writeBytes(b);
    }

    @Test
    void anExecsFramesAreSortedIntoOutputAndErrorsInTheirOrder() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        frame(s, 1, "used client 4096\n");
        frame(s, 2, "df: oops\n");
        frame(s, 1, "blocked 0\n");
        assertArrayEquals(new String[] {"used client 4096\nblocked 0\n", "df: oops\n"}, EngineSocket.demultiplex(s.toByteArray()));
    }

    @Test
    void aStreamWithoutFramesIsAllOutput() {
        assertArrayEquals(new String[] {"listening on eth0\n", ""}, EngineSocket.demultiplex(bytes("listening on eth0\n")));
    }

    @Test
    void labelFiltersAreTheEnginesJsonUrlEncoded() {
        assertEquals("filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Ds%22%5D%7D",
                EngineSocket.labelFilter("com.docker.compose.project=s"));
        assertEquals("", EngineSocket.labelFilter());
    }

    @Test
    void eachServiceKeepsItsNewestContainerAndAContainerOfNoServiceIsLeftOut() {
        // The engine lists the newest first: a service's first line is the one containerOf returns.
        Map<String, String> ids = Docker.byService(List.of("a1 server", "b2 client", "c3 server", "d4 ", "e5"));
        assertEquals(Map.of("server", "a1", "client", "b2"), ids);
    }

    @Test
    void aContainersStateGivesRunningExitCodeAndTheMemoryKill() throws Exception {
        assertEquals(new Docker.State(false, 137, true), Docker.State.of(EngineSocket.JSON.readTree(
                "{\"Id\":\"x\",\"State\":{\"Status\":\"exited\",\"Running\":false,\"OOMKilled\":true,\"ExitCode\":137}}")));
    }

    @Test
    void labCollectsLinesGiveEachFolderItsBytesAndTheHostItsBlockedPackets() {
        CheckRun.Collected c = CheckRun.Collected.parse("used client 4096\nused client2 8192\nblocked 3\n");
        assertEquals(Map.of("client", 4096L, "client2", 8192L), c.used());
        assertEquals(3, c.blocked());
    }

    @Test
    void aFolderDfCouldNotMeasureCountsAsNothingRatherThanFailingTheCheck() {
        // df on a folder the program removed prints an error and no number; a fence that failed prints nothing.
        CheckRun.Collected c = CheckRun.Collected.parse("used server \nblocked \n");
        assertEquals(Map.of(), c.used());
        assertEquals(0, c.blocked());
    }
}
