package dev.socklab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.tcp.Form;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The form a transfer's opening shows on the wire: tcp-server's own rule, applied to packets. */
class ExchangeTest {
    private final List<Exchange.Segment> wire = new ArrayList<>();
    private long frame = 3;   // after the handshake
    private long millis;

    @Test
    void aGreetingThatWaitsForTheAnswerIsTheTextbookForm() {
        client("Hello from the client!");
        millis += 500;
        server("Hello from the server!");
        client("the file\n");
        fin();
        Exchange x = Exchange.of(wire);
        assertEquals(Optional.of(Form.GREETING), x.form());
        assertEquals("greeting: the client sent 22 bytes without a newline (packet 4) and waited 501 ms; the server answered "
                + "'Hello from the server!' (packet 5)", x.evidence());
        assertEquals(List.of(4L, 5L), x.packets());
        assertTrue(x.serverAnswered());
    }

    @Test
    void socklabsLineIsSocklabsForm() {
        client("HELLO socklab-client size=817 name=sample.txt\n");
        server("HELLO socklab-server ready\n");
        Exchange x = Exchange.of(wire);
        assertEquals(Optional.of(Form.SOCKLAB), x.form());
        assertEquals("socklab: the client announced 'HELLO socklab-client size=817 name=sample.txt' (packet 4); the server "
                + "answered 'HELLO socklab-server ready\\n' (packet 5)", x.evidence());
    }

    @Test
    void aServerThatSpeaksFirstServesARawClient() {
        server("Hello client\n");
        client("the file\n");
        fin();
        Exchange x = Exchange.of(wire);
        assertEquals(Optional.of(Form.RAW), x.form());
        assertTrue(x.evidence().startsWith("raw: the server spoke first ('Hello client\\n', packet 4), before the client's first byte"),
                x.evidence());
        assertFalse(x.serverAnswered(), "it greeted: it did not answer the client");
    }

    @Test
    void aSmallFileAndAHalfCloseBeforeAnyAnswerIsRawEvenWithoutANewline() {
        client("no newline, half-closed");
        fin();
        server("Hello from the server!");
        Exchange x = Exchange.of(wire);
        assertEquals(Optional.of(Form.RAW), x.form());
        assertEquals("raw: the client sent 23 bytes and half-closed (packet 5) before the server answered 'Hello from the server!' "
                + "(packet 6)", x.evidence());
        assertTrue(x.serverAnswered(), "what a greeting server does to a raw client: the probe's cue");
    }

    @Test
    void aServerAnsweringWhileTheClientStreamsIsRaw() {
        client("x".repeat(1448));
        client("x".repeat(1448));
        server("Hello from the server!");
        client("x".repeat(100));
        fin();
        Exchange x = Exchange.of(wire);
        assertEquals(Optional.of(Form.RAW), x.form());
        assertTrue(x.evidence().startsWith("raw: the client sent 2896 bytes without waiting; the server answered after its first bytes, "
                + "before the upload ended: 'Hello from the server!' (packet 6)"), x.evidence());
    }

    @Test
    void linesTypedIntoNetcatAreRawThoughTheClientPauses() {
        client("hello\n");
        millis += 2000;
        server("OK\n");
        assertEquals(Optional.of(Form.RAW), Exchange.of(wire).form());
    }

    @Test
    void aSilentServerIsRawAndNoDataIsNoForm() {
        client("0123456789");
        client("0123456789");
        fin();
        Exchange x = Exchange.of(wire);
        assertEquals("raw: the client sent 20 bytes and half-closed (packet 6); the server said nothing", x.evidence());
        assertEquals(List.of(4L, 6L), x.packets());
        assertEquals(Optional.empty(), Exchange.of(List.of()).form(), "no data: no form");
    }

    private void client(String text) {
        add(true, text, false);
    }

    private void server(String text) {
        add(false, text, false);
    }

    private void fin() {
        add(true, "", true);
    }

    private void add(boolean fromClient, String text, boolean fin) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        wire.add(new Exchange.Segment(++frame, Instant.ofEpochMilli(millis++), fromClient, b.length, b, fin));
    }
}
