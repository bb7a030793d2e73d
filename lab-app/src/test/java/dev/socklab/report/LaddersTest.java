package dev.socklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.ExpertNote;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpAnalysis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ladder model: rows, relative numbers (checked against tshark), phases, folding, conversation split. */
class LaddersTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(LaddersTest.class.getResource("/pcap/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Ladder> ladders(Path capture) throws IOException {
        TcpAnalysis a = TcpAnalysis.of(capture);
        return Ladders.draw(capture, a, a.connections(), a.udpFlows(), Defaults.HEAD_ROWS, Defaults.TAIL_ROWS);
    }

    /** One row as tshark prints it: frame, sender, flags, relative seq, relative ack (-1: no ACK flag), length. */
    record Expected(long frame, Side from, String flags, long seq, long ack, int length, Phase phase) {
    }

    private static void assertRows(List<Expected> expected, List<LadderRow> rows) {
        assertEquals(expected.size(), rows.size(), "rows: " + rows);
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            LadderRow r = rows.get(i);
            String where = "frame " + e.frame();
            assertEquals(e.frame(), r.frame(), where);
            assertEquals(e.from(), r.from(), where);
            assertEquals(e.flags(), r.label(), where);
            assertEquals(e.seq(), r.relativeSeq(), where + " relative seq");
            assertEquals(e.ack() >= 0, r.hasAck(), where + " ACK flag");
            if (e.ack() >= 0) assertEquals(e.ack(), r.relativeAck(), where + " relative ack");
            assertEquals(e.length(), r.length(), where + " length");
            assertEquals(e.phase(), r.phase(), where + " phase");
        }
    }

    private static final Side C = Side.CLIENT;
    private static final Side S = Side.SERVER;

    @Test
    void everyPacketOfAnExchangeWithTsharksRelativeNumbers() throws IOException {
        // tshark -r tcp-ethernet.pcap -T fields -e frame.number -e tcp.srcport -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len
        Ladder l = ladders(fixture("tcp-ethernet.pcap")).getFirst();
        assertRows(List.of(
                new Expected(1, C, "SYN", 0, -1, 0, Phase.HANDSHAKE),
                new Expected(2, S, "SYN, ACK", 0, 1, 0, Phase.HANDSHAKE),
                new Expected(3, C, "ACK", 1, 1, 0, Phase.HANDSHAKE),
                new Expected(4, C, "PSH, ACK", 1, 1, 1000, Phase.DATA),
                new Expected(5, S, "ACK", 1, 1001, 0, Phase.ACK),
                new Expected(6, S, "PSH, ACK", 1, 1001, 8, Phase.DATA),
                new Expected(7, C, "ACK", 1001, 9, 0, Phase.ACK),
                new Expected(8, S, "ACK, FIN", 9, 1001, 0, Phase.TEARDOWN),
                new Expected(9, C, "ACK", 1001, 10, 0, Phase.TEARDOWN),
                new Expected(10, C, "ACK, FIN", 1001, 10, 0, Phase.TEARDOWN),
                new Expected(11, S, "ACK", 10, 1002, 0, Phase.TEARDOWN)), l.rows());
        assertEquals("TCP connection 1", l.title());
        assertEquals("127.0.0.1:33494", l.left().toString());
        assertEquals("127.0.0.1:9898", l.right().toString());
        assertEquals(new Traffic(6, 1000), l.fromLeft());
        assertEquals(new Traffic(5, 8), l.fromRight());
        assertTrue(l.fold().isEmpty());
        assertEquals(Duration.ZERO, l.rows().getFirst().at());
        assertEquals(List.of("handshake: complete", "teardown: FIN server→client first, then client→server",
                "duration: 301.032 ms"), l.notes());
    }

    @Test
    void refusedAndResetConnectionsAreRed() throws IOException {
        // tshark on tcp-rst.pcap: frames 1-2 to closed port 9899, frames 3-10 a connection the server resets.
        List<Ladder> ls = ladders(fixture("tcp-rst.pcap"));
        assertEquals(2, ls.size());
        assertRows(List.of(
                new Expected(1, C, "SYN", 0, -1, 0, Phase.HANDSHAKE),
                new Expected(2, S, "RST, ACK", 1, 1, 0, Phase.RESET)), ls.get(0).rows());
        assertRows(List.of(
                new Expected(3, C, "SYN", 0, -1, 0, Phase.HANDSHAKE),
                new Expected(4, S, "SYN, ACK", 0, 1, 0, Phase.HANDSHAKE),
                new Expected(5, C, "ACK", 1, 1, 0, Phase.HANDSHAKE),
                new Expected(6, S, "PSH, ACK", 1, 1, 4, Phase.DATA),
                new Expected(7, C, "ACK", 1, 5, 0, Phase.ACK),
                new Expected(8, S, "ACK, FIN", 5, 1, 0, Phase.TEARDOWN),
                new Expected(9, C, "PSH, ACK", 1, 6, 11, Phase.DATA),
                new Expected(10, S, "RST", 6, -1, 0, Phase.RESET)), ls.get(1).rows());
    }

    @Test
    void aReusedFourTupleGivesEachConnectionItsOwnPackets() throws IOException {
        List<Ladder> ls = ladders(fixture("tcp-reuse.pcap"));
        assertEquals(2, ls.size());
        long lastOfFirst = ls.get(0).rows().getLast().frame();
        long firstOfSecond = ls.get(1).rows().getFirst().frame();
        assertEquals(lastOfFirst + 1, firstOfSecond);
        assertEquals("SYN", ls.get(1).rows().getFirst().label());
        for (Ladder l : ls) {
            assertEquals(0, l.rows().getFirst().relativeSeq());
            assertEquals(Phase.TEARDOWN, l.rows().getLast().phase());
            assertEquals(l.packets(), l.rows().size());
        }
    }

    @Test
    void udpFlowsAreDatagramsWithoutSequenceNumbers() throws IOException {
        List<Ladder> ls = ladders(fixture("udp.pcap"));
        assertEquals(2, ls.size());
        Ladder echo = ls.get(0);
        assertEquals("UDP flow 1", echo.title());
        assertEquals("initiator", echo.leftRole());
        assertEquals(6, echo.rows().size());
        for (int i = 0; i < 6; i++) {
            LadderRow r = echo.rows().get(i);
            assertEquals(i % 2 == 0 ? C : S, r.from());
            assertEquals(Phase.DATAGRAM, r.phase());
            assertEquals("UDP", r.label());
            assertEquals(7, r.length());
        }
        assertEquals(new Traffic(3, 21), echo.fromLeft());
        assertEquals(1, ls.get(1).rows().size());
    }

    @Test
    void aLongTransferKeepsHeadAndTailAndCountsTheFold() throws IOException {
        int segments = 5000;
        int size = 1448;
        Path file = new SyntheticCapture().transfer(4_000_000_000L, 7, segments, size).write(tmp.resolve("long.pcap"));
        List<Ladder> all = ladders(file);
        assertEquals(1, all.size(), "no retransmission: no excerpt");
        Ladder l = all.getFirst();
        int total = 3 + 2 * segments + 3;
        assertEquals(Defaults.HEAD_ROWS, l.head().size());
        assertEquals(Defaults.TAIL_ROWS, l.tail().size());
        Fold f = l.fold().orElseThrow();
        assertEquals(total - Defaults.HEAD_ROWS - Defaults.TAIL_ROWS, f.packets());
        assertEquals(total, l.packets());
        assertEquals((long) segments * size, l.bytes());
        // Drawn data segments: head has (12 - 3 handshake) / 2 rounded up, the tail 8 - 3 teardown = 5 rows, 2 or 3 of them data.
        long drawnBytes = l.rows().stream().mapToLong(LadderRow::length).sum();
        assertEquals(l.bytes() - drawnBytes, f.bytes());
        assertEquals(l.fromLeft().packets() - l.rows().stream().filter(r -> r.from() == C).count(), f.fromLeft());
        assertEquals(Duration.ofMillis(Defaults.HEAD_ROWS), f.first());
        assertEquals(Duration.ofMillis(total - Defaults.TAIL_ROWS - 1), f.last());
        // The client's ISN is near 2^32: relative numbers wrap with it.
        long end = 1 + (long) segments * size;
        List<LadderRow> tail = l.tail();
        LadderRow fin = tail.get(tail.size() - 3);
        assertEquals("ACK, FIN", fin.label());
        assertEquals(end, fin.relativeSeq());
        assertEquals(end + 1, tail.getLast().relativeSeq());
        assertEquals(2, tail.getLast().relativeAck());
        assertEquals(List.of(Phase.TEARDOWN, Phase.TEARDOWN, Phase.TEARDOWN),
                tail.subList(tail.size() - 3, tail.size()).stream().map(LadderRow::phase).toList());
    }

    @Test
    void aCaptureThatStartsMidConnectionCountsFromTheFirstSeenBytes() throws IOException {
        Path file = new SyntheticCapture()
                .tcp(true, SyntheticCapture.PSH | SyntheticCapture.ACK, 1000, 5000, 100)
                .tcp(false, SyntheticCapture.ACK, 5000, 1100, 0)
                .tcp(true, SyntheticCapture.PSH | SyntheticCapture.ACK, 1100, 5000, 50)
                .tcp(false, SyntheticCapture.PSH | SyntheticCapture.ACK, 5000, 1150, 20)
                .write(tmp.resolve("mid.pcap"));
        Ladder l = ladders(file).getFirst();
        assertEquals(List.of(1L, 1L, 101L, 1L), l.rows().stream().map(LadderRow::relativeSeq).toList());
        assertEquals(List.of(1L, 101L, 1L, 151L), l.rows().stream().map(LadderRow::relativeAck).toList());
        assertEquals(List.of(Phase.DATA, Phase.ACK, Phase.DATA, Phase.DATA), l.rows().stream().map(LadderRow::phase).toList());
        assertEquals("handshake: not captured (the capture starts after the SYN)", l.notes().getFirst());
    }

    @Test
    void anAckToASideNeverSeenSendingCountsFromThatAck() throws IOException {
        Path file = new SyntheticCapture()
                .tcp(true, SyntheticCapture.PSH | SyntheticCapture.ACK, 1000, 77_000, 10)
                .tcp(true, SyntheticCapture.PSH | SyntheticCapture.ACK, 1010, 77_000, 10)
                .write(tmp.resolve("oneway.pcap"));
        Ladder l = ladders(file).getFirst();
        assertEquals(List.of(1L, 11L), l.rows().stream().map(LadderRow::relativeSeq).toList());
        assertEquals(List.of(1L, 1L), l.rows().stream().map(LadderRow::relativeAck).toList());
    }

    @Test
    void theSegmentsWiresharkNotesAreNotedOnTheirArrows() throws IOException {
        // tshark -r tcp-lossy.pcap -Y tcp.analysis.<field> -T fields -e frame.number, for each field:
        Map<Long, ExpertNote> expected = new TreeMap<>();
        for (long f : new long[] {51, 97, 126, 179, 232}) expected.put(f, ExpertNote.FAST_RETRANSMISSION);
        expected.put(181L, ExpertNote.SPURIOUS_RETRANSMISSION);
        expected.put(183L, ExpertNote.RETRANSMISSION);
        for (long f : new long[] {267, 330, 367, 414, 489, 585}) expected.put(f, ExpertNote.OUT_OF_ORDER);
        for (long f : new long[] {46, 48, 50, 90, 92, 96, 123, 125, 176, 178, 193, 195, 197, 199, 201, 203, 205, 207, 209,
                211, 213, 215, 217, 219, 221}) {
            expected.put(f, ExpertNote.DUPLICATE_ACK);
        }
        Path capture = fixture("tcp-lossy.pcap");
        TcpAnalysis a = TcpAnalysis.of(capture);
        Ladder whole = Ladders.draw(capture, a, a.connections(), a.udpFlows(), 100_000, 1).getFirst();
        Map<Long, ExpertNote> noted = new TreeMap<>();
        for (LadderRow r : whole.rows()) r.note().ifPresent(n -> noted.put(r.frame(), n));
        assertEquals(expected, noted);
        LadderRow fast = whole.rows().stream().filter(r -> r.frame() == 51).findFirst().orElseThrow();
        assertEquals("[TCP Fast Retransmission] ACK", fast.label());

        // Folded as usual, the retransmissions left out of the picture are still counted under the fold, and the
        // first of them gets an excerpt of its own: the three duplicate ACKs, the fast retransmission, what followed.
        List<Ladder> report = ladders(capture);
        assertEquals(2, report.size(), "the connection, then an excerpt around its first folded retransmission");
        Ladder excerpt = report.get(1);
        assertEquals("TCP connection 1 at frame #51", excerpt.title());
        assertEquals(java.util.stream.LongStream.rangeClosed(45, 58).boxed().toList(),
                excerpt.rows().stream().map(LadderRow::frame).toList());
        assertTrue(excerpt.fold().isEmpty());
        assertEquals(14, excerpt.packets());
        Ladder folded = report.getFirst();
        long drawn = folded.rows().stream().filter(r -> r.note().filter(ExpertNote::isRetransmission).isPresent()).count();
        assertEquals(7, drawn + folded.fold().orElseThrow().retransmissions());
        String svg = LadderSvg.render(whole);
        assertTrue(svg.contains(">[TCP Spurious Retransmission]</tspan>"), "the note is on the arrow's label");
        assertTrue(svg.contains("stroke-dasharray=\"7 4\""), "noted arrows are dashed");
        assertTrue(svg.contains("TCP analysis says of the segment"), "and the legend says why");
    }
}
