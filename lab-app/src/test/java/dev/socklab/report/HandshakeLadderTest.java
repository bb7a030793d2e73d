package dev.socklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text ladder of the handshake, as summary prints it, drawn from the same model as the SVG. */
class HandshakeLadderTest {

    @TempDir
    Path tmp;

    @Test
    void drawsTheThreeSegmentsWithAbsoluteAndRelativeNumbers() throws IOException {
        Ladder l = LaddersTest.ladders(LaddersTest.fixture("tcp-ethernet.pcap")).getFirst();
        assertEquals("""
                 client 127.0.0.1:33494                    server 127.0.0.1:9898
                            |                                        |
                   0.000 ms |----------------- SYN ----------------->|  seq=2932302998 (0)
                   0.016 ms |<--------------- SYN-ACK ---------------|  seq=825652506 (0)  ack=2932302999 (1)
                   0.030 ms |----------------- ACK ----------------->|  seq=2932302999 (1)  ack=825652507 (1)
                            |                                        |
                """, HandshakeLadder.render(l));
    }

    @Test
    void aRefusedConnectionShowsItsSynOnly() throws IOException {
        Ladder refused = LaddersTest.ladders(LaddersTest.fixture("tcp-rst.pcap")).getFirst();
        String text = HandshakeLadder.render(refused);
        assertEquals(1, text.lines().filter(line -> line.contains("-->") || line.contains("<--")).count(), text);
    }

    @Test
    void noSynNoLadder() throws IOException {
        Path file = new SyntheticCapture().tcp(true, SyntheticCapture.ACK, 5, 9, 0).write(tmp.resolve("mid.pcap"));
        assertEquals("  (the capture starts after the SYN: no handshake to draw)\n",
                HandshakeLadder.render(LaddersTest.ladders(file).getFirst()));
    }
}
