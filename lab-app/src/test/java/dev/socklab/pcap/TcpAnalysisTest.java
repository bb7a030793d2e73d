package dev.socklab.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TcpAnalysisTest {

    /** A fixture, possibly rewritten, and the exchange it must still show. */
    record Variant(String name, Fixtures.Exchange exchange, byte[] pcap) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Variant> VARIANTS = variants();

    private static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        for (Fixtures.Exchange x : Fixtures.EXCHANGES) v.add(new Variant(x.file(), x, Fixtures.bytes(x.file())));
        v.add(new Variant("tcp-ethernet.pcap big-endian", Fixtures.ETHERNET,
                new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).bigEndian()));
        v.add(new Variant("tcp-nano.pcap big-endian", Fixtures.NANO,
                new PcapRewriter(Fixtures.bytes(Fixtures.NANO.file())).bigEndian()));
        v.add(new Variant("tcp-ethernet.pcap 802.1Q VLAN 10", Fixtures.ETHERNET,
                new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).withVlanTag(10).bytes()));
        v.add(new Variant("tcp-ethernet.pcap as raw IPv4 (228)", Fixtures.ETHERNET,
                new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).withoutEthernet(228).bytes()));
        v.add(new Variant("tcp-ipv6.pcap as raw IPv6 (229)", Fixtures.IPV6,
                new PcapRewriter(Fixtures.bytes(Fixtures.IPV6.file())).withoutEthernet(229).bytes()));
        v.add(new Variant("tcp-ipv6.pcap as raw IP (101)", Fixtures.IPV6,
                new PcapRewriter(Fixtures.bytes(Fixtures.IPV6.file())).withoutEthernet(101).bytes()));
        v.add(new Variant("tcp-ethernet.pcap padded to 200 bytes", Fixtures.ETHERNET,
                new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).paddedTo(200).bytes()));
        v.add(new Variant("tcp-ipv6.pcap with destination options", Fixtures.IPV6,
                new PcapRewriter(Fixtures.bytes(Fixtures.IPV6.file())).withIpv6DestinationOptions().bytes()));
        return v;
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void findsTheHandshakeWithAbsoluteAndRelativeNumbers(Variant v) throws IOException {
        TcpConnection c = only(analyze(v.pcap()));
        Fixtures.Exchange x = v.exchange();
        assertEquals(x.client(), c.client().toString());
        assertEquals(x.server(), c.server().toString());

        Handshake h = c.handshake().orElseThrow();
        assertTrue(h.isComplete(), () -> h.problems().toString());
        assertEquals(x.clientIsn(), h.clientIsn());
        assertEquals(Optional.of(x.serverIsn()), h.serverIsn());

        HandshakeSegment syn = h.syn();
        assertEquals("SYN", syn.flags().toString());
        assertEquals(x.clientIsn(), syn.seq());
        assertEquals(0, syn.relativeSeq());
        assertEquals(x.firstTime(), syn.time());

        HandshakeSegment synAck = h.synAck().orElseThrow();
        assertEquals("SYN,ACK", synAck.flags().toString());
        assertEquals(Side.SERVER, synAck.from());
        assertEquals(x.serverIsn(), synAck.seq());
        assertEquals((x.clientIsn() + 1) & 0xFFFFFFFFL, synAck.ack());
        assertEquals(0, synAck.relativeSeq());
        assertEquals(1, synAck.relativeAck());

        HandshakeSegment ack = h.ack().orElseThrow();
        assertEquals("ACK", ack.flags().toString());
        assertEquals((x.clientIsn() + 1) & 0xFFFFFFFFL, ack.seq());
        assertEquals((x.serverIsn() + 1) & 0xFFFFFFFFL, ack.ack());
        assertEquals(1, ack.relativeSeq());
        assertEquals(1, ack.relativeAck());
        assertEquals(3, ack.frame());
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void countsWhatEachSideSent(Variant v) throws IOException {
        TcpConnection c = only(analyze(v.pcap()));
        // The 1000-byte segment was cut to 128 captured bytes: sizes must come from the IP header.
        assertEquals(Fixtures.CLIENT_BYTES, c.payloadBytesClientToServer());
        assertEquals(Fixtures.SERVER_BYTES, c.payloadBytesServerToClient());
        assertEquals(Fixtures.CLIENT_BYTES, c.sequenceBytesClientToServer());
        assertEquals(Fixtures.SERVER_BYTES, c.sequenceBytesServerToClient());
        assertEquals(Fixtures.CLIENT_PACKETS, c.packetsClientToServer());
        assertEquals(Fixtures.SERVER_PACKETS, c.packetsServerToClient());
        assertEquals(v.exchange().firstTime(), c.firstSeen());
        assertTrue(c.duration().toMillis() >= 250 && c.duration().toMillis() < 1000, c.duration()::toString);
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void serverClosedFirst(Variant v) throws IOException {
        Teardown t = only(analyze(v.pcap())).teardown();
        assertEquals(Optional.of(Side.SERVER), t.firstFin());
        assertTrue(t.finFromClient().isPresent());
        assertTrue(t.finFromServer().get().isBefore(t.finFromClient().get()));
        assertEquals(Optional.empty(), t.rstBy());
        assertTrue(t.isClosed());
        assertEquals("FIN server→client first, then client→server", t.describe());
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void landmarksPointAtThePacketsTsharkNumbers(Variant v) throws IOException {
        // tshark -r tcp-ethernet.pcap: data 4 (1000 bytes, client) and 6 (8 bytes, server); FIN 8 (server), 10 (client).
        TcpConnection c = only(analyze(v.pcap()));
        Landmarks client = c.fromClient().landmarks();
        Landmarks server = c.fromServer().landmarks();
        assertEquals(OptionalLong.of(4), client.firstData());
        assertEquals(OptionalLong.of(4), client.lastData());
        assertEquals(1000, client.largestSegment());
        assertEquals(OptionalLong.of(6), server.firstData());
        assertEquals(8, server.largestSegment());
        assertEquals(OptionalLong.of(8), server.firstFin());
        assertEquals(OptionalLong.of(10), client.firstFin());
        assertEquals(OptionalLong.empty(), client.firstRst());
        assertEquals(OptionalLong.empty(), server.firstRst());
    }

    @Test
    void refusedConnectionAndServerReset() throws IOException {
        TcpAnalysis a = TcpAnalysis.of(Fixtures.path(Fixtures.RST));
        assertEquals(2, a.connections().size());

        TcpConnection refused = a.connections().get(0);
        assertEquals(9899, refused.server().port());
        Handshake h = refused.handshake().orElseThrow();
        assertEquals(Fixtures.RST_REFUSED_ISN, h.clientIsn());
        assertFalse(h.isComplete());
        assertEquals(List.of("no SYN-ACK from the server"), h.problems());
        assertEquals(Optional.of(Side.SERVER), refused.teardown().rstBy());
        assertEquals("RST by server", refused.teardown().describe());
        assertEquals(0, refused.sequenceBytesServerToClient());

        TcpConnection reset = a.connections().get(1);
        assertEquals(Fixtures.PORT, reset.server().port());
        assertTrue(reset.hasCompleteHandshake());
        assertEquals(Fixtures.RST_CLIENT_ISN, reset.handshake().get().clientIsn());
        assertEquals(Optional.of(Fixtures.RST_SERVER_ISN), reset.handshake().get().serverIsn());
        assertEquals("early data\n".length(), reset.payloadBytesClientToServer());
        assertEquals("bye\n".length(), reset.payloadBytesServerToClient());
        assertEquals(Optional.of(Side.SERVER), reset.teardown().rstBy());
        assertEquals(Optional.empty(), reset.teardown().rstFromClient());
        // tshark: the refusal is packet 2, the server's FIN 8 and its RST 10; the client's late data is 9.
        assertEquals(OptionalLong.of(2), refused.fromServer().landmarks().firstRst());
        assertEquals(OptionalLong.of(8), reset.fromServer().landmarks().firstFin());
        assertEquals(OptionalLong.of(10), reset.fromServer().landmarks().firstRst());
        assertEquals(OptionalLong.of(9), reset.fromClient().landmarks().lastData());
        assertEquals("FIN server→client only, then RST by server", reset.teardown().describe());

        assertEquals(List.of(reset), a.connectionsTo(Fixtures.PORT));
        assertTrue(a.hasCompleteHandshakeTo(Fixtures.PORT));
        assertFalse(a.hasCompleteHandshakeTo(9899));
    }

    @Test
    void newSynOnAReusedFourTupleStartsANewConnection() throws IOException {
        TcpAnalysis a = TcpAnalysis.of(Fixtures.path(Fixtures.REUSE));
        assertEquals(2, a.connections().size());
        TcpConnection first = a.connections().get(0);
        TcpConnection second = a.connections().get(1);
        assertEquals("127.0.0.1:45678", first.client().toString());
        assertEquals(first.client(), second.client());
        assertEquals(first.server(), second.server());
        assertEquals(Fixtures.REUSE_FIRST_ISN, first.handshake().get().clientIsn());
        assertEquals(Fixtures.REUSE_SECOND_ISN, second.handshake().get().clientIsn());
        for (TcpConnection c : a.connections()) {
            assertTrue(c.hasCompleteHandshake());
            assertEquals(Fixtures.FRAMES, c.packets());
            assertEquals(Fixtures.CLIENT_BYTES, c.payloadBytesClientToServer());
        }
        assertEquals(2, second.number());
    }

    @Test
    void retransmissionCountsTwiceAsSegmentsButOnceBySequenceSpace() throws IOException {
        byte[] pcap = new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).duplicateFrame(4).bytes();
        TcpConnection c = only(analyze(pcap));
        assertEquals(2 * Fixtures.CLIENT_BYTES, c.payloadBytesClientToServer());
        assertEquals(Fixtures.CLIENT_BYTES, c.sequenceBytesClientToServer());
        assertEquals(Fixtures.CLIENT_PACKETS + 1, c.packetsClientToServer());
    }

    @Test
    void captureStartedAfterTheHandshakeStillFindsClientAndBytes() throws IOException {
        byte[] pcap = new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).dropFirstFrames(3).bytes();
        TcpConnection c = only(analyze(pcap));
        assertEquals(Optional.empty(), c.handshake());
        assertFalse(c.hasCompleteHandshake());
        assertEquals(Fixtures.ETHERNET.client(), c.client().toString());
        assertEquals(Fixtures.CLIENT_BYTES, c.sequenceBytesClientToServer());
        assertEquals(Fixtures.SERVER_BYTES, c.sequenceBytesServerToClient());
        assertTrue(c.fromClient().isn().isEmpty());
    }

    @Test
    void udpFlowsAreCountedByEndpointPair() throws IOException {
        TcpAnalysis a = TcpAnalysis.of(Fixtures.path(Fixtures.UDP));
        assertEquals(List.of(), a.connections());
        assertEquals(8, a.frames());
        assertEquals(2, a.udpFlows().size());
        assertEquals(7, a.udpDatagrams());

        UdpFlow echo = a.udpFlows().get(0);
        assertEquals("127.0.0.1:59004", echo.initiator().toString());
        assertEquals("127.0.0.1:9900", echo.responder().toString());
        assertEquals(3, echo.datagramsFromInitiator());
        assertEquals(3, echo.datagramsFromResponder());
        assertEquals(3 * "ping 1\n".length(), echo.bytesFromInitiator());
        assertEquals(3 * "ping 1\n".length(), echo.bytesFromResponder());
        assertEquals(1, echo.firstPacket());   // tshark: packets 1-6, then 7 to the closed port, 8 the ICMP error
        assertEquals(6, echo.lastPacket());

        // The ICMP port-unreachable quoting this datagram is not a datagram itself.
        UdpFlow refused = a.udpFlows().get(1);
        assertEquals(9901, refused.responder().port());
        assertEquals(1, refused.datagrams());
        assertEquals(1, refused.payloadBytes());
        assertEquals(7, refused.firstPacket());
        assertEquals(7, refused.lastPacket());
    }

    @Test
    void truncatedCaptureFailsWithTheCountReadSoFar() throws IOException {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int cut = new PcapRewriter(pcap).recordOffset(8) + 5;
        TruncatedCaptureException e = assertThrows(TruncatedCaptureException.class,
                () -> analyze(Arrays.copyOf(pcap, cut)));
        assertEquals(7, e.framesRead());
    }

    @Test
    void truncatedCaptureCanBeAnalysedUpToTheCut(@TempDir Path tmp)
            throws IOException {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int cut = new PcapRewriter(pcap).recordOffset(8) + 5;
        Path file = Files.write(tmp.resolve("killed.pcap"), Arrays.copyOf(pcap, cut));
        TcpAnalysis a = TcpAnalysis.upToTruncation(file);
        assertEquals(7, a.frames());
        assertEquals(7, a.truncation().orElseThrow().framesRead());
        TcpConnection c = only(a);
        assertTrue(c.hasCompleteHandshake());
        assertEquals(Fixtures.CLIENT_BYTES, c.payloadBytesClientToServer());
        // Frame 8, the server's FIN, is the one cut off.
        assertEquals("none seen (no FIN or RST)", c.teardown().describe());
        assertThrows(TruncatedCaptureException.class, () -> TcpAnalysis.of(file));
    }

    private static TcpAnalysis analyze(byte[] pcap) throws IOException {
        try (PacketSource source = CaptureReader.open(new ByteArrayInputStream(pcap), "test.pcap")) {
            return TcpAnalysis.of(source);
        }
    }

    private static TcpConnection only(TcpAnalysis a) {
        assertEquals(1, a.connections().size(), "connections");
        return a.connections().getFirst();
    }

    @Test
    void lossyTransferCountsAsWiresharkDoes() throws IOException {
        // tshark 4.0 on tcp-lossy.pcap: -Y tcp.analysis.retransmission 7 (of them .fast_retransmission 5 and
        // .spurious_retransmission 1), .out_of_order 6, .duplicate_ack 25 (all from the server), no zero window.
        TcpConnection c = TcpAnalysis.of(Fixtures.path("tcp-lossy.pcap")).connections().getFirst();
        assertEquals(new ExpertCounts(7, 5, 1, 6, 0, 0, 0), c.fromClient().expert());
        assertEquals(new ExpertCounts(0, 0, 0, 0, 25, 0, 0), c.fromServer().expert());
        assertEquals(7, c.retransmissions());
        // Retransmitted bytes count again on the wire, once by sequence number.
        assertEquals(524288, c.sequenceBytesClientToServer());
        assertTrue(c.payloadBytesClientToServer() > 524288);
        // tshark -z conv,tcp: frames and bytes each way.
        assertEquals(395, c.packetsClientToServer());
        assertEquals(568694, c.fromClient().frameBytes());
        assertEquals(14794, c.fromServer().frameBytes());
    }

    @Test
    void receiverThatStopsReadingAdvertisesZeroWindows() throws IOException {
        // tshark: -Y tcp.analysis.zero_window 2 (from the server), tcp.analysis.retransmission 1 (a probe resent).
        TcpConnection c = TcpAnalysis.of(Fixtures.path("tcp-zerowin.pcap")).connections().getFirst();
        assertEquals(2, c.fromServer().expert().zeroWindows());
        assertEquals(1, c.fromClient().expert().retransmissions());
        assertEquals(0, c.fromClient().expert().zeroWindows());
    }

    @Test
    void handshakeRttIsMeasuredFromTheSegments() throws IOException {
        TcpConnection c = TcpAnalysis.of(Fixtures.ETHERNET.path()).connections().getFirst();
        HandshakeRtt rtt = c.handshakeRtt().orElseThrow();
        // tshark: frame.time_delta of frames 2 and 3 (16 and 14 µs); tcp.analysis.initial_rtt 30 µs.
        assertEquals(java.time.Duration.ofNanos(16_000), rtt.synToSynAck());
        assertEquals(java.time.Duration.ofNanos(14_000), rtt.synAckToAck());
        assertEquals(java.time.Duration.ofNanos(30_000), rtt.total());
        // No SYN-ACK: no RTT.
        assertTrue(TcpAnalysis.of(Fixtures.path(Fixtures.RST)).connections().getFirst().handshakeRtt().isEmpty());
    }
}
