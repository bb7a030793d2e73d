package dev.socklab.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.ConnectionPairing.Evidence;
import dev.socklab.pcap.ConnectionPairing.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two captures of one connection are recognised as such, across a NAT, and the translation is told apart. */
class ConnectionPairingTest {

    @TempDir
    Path tmp;

    @Test
    void natCapturesPairBySameIsnsAndShowBothTranslations() throws IOException {
        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(Fixtures.path(Fixtures.NAT_CLIENT_SIDE)),
                TcpAnalysis.of(Fixtures.path(Fixtures.NAT_SERVER_SIDE)));

        assertEquals(1, pairing.pairs().size(), pairing.pairs().toString());
        Pair p = pairing.pairs().get(0);
        assertEquals(Evidence.SAME_ISNS, p.evidence());
        // Numbers as tshark reads them (ip.src, tcp.srcport, ip.ttl, tcp.seq_raw, frame.time_epoch).
        assertEquals("10.24.2.30:50690", p.first().client().toString());
        assertEquals("10.24.2.253:8080", p.first().server().toString());
        assertEquals("10.24.3.2:50690", p.second().client().toString(), "the server sees the gateway, port kept");
        assertEquals("10.24.3.15:9898", p.second().server().toString());
        assertTrue(p.clientTranslated());
        assertTrue(p.serverTranslated());
        assertEquals(Fixtures.NAT_CLIENT_ISN, p.second().handshake().orElseThrow().clientIsn());
        assertEquals(Optional.of(Fixtures.NAT_SERVER_ISN), p.second().handshake().orElseThrow().serverIsn());
        assertEquals(64, p.first().handshake().orElseThrow().syn().ttl());
        assertEquals(63, p.second().handshake().orElseThrow().syn().ttl());
        assertEquals(1, p.second().handshake().orElseThrow().syn().hops());
        assertEquals(Optional.of(1), p.hopsBetween(), "the gateway routes: one hop");
        assertEquals(Duration.ofNanos(36_000), p.offset(), "SYN at 913.523900 client side, 913.523936 server side");
        assertTrue(pairing.onlyInFirst().isEmpty());
        assertTrue(pairing.onlyInSecond().isEmpty());
    }

    @Test
    void orderOfTheCapturesOnlySwapsTheRoles() throws IOException {
        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(Fixtures.path(Fixtures.NAT_SERVER_SIDE)),
                TcpAnalysis.of(Fixtures.path(Fixtures.NAT_CLIENT_SIDE)));
        Pair p = pairing.pairs().get(0);
        assertEquals("10.24.3.15:9898", p.first().server().toString());
        assertEquals(Duration.ofNanos(-36_000), p.offset());
        assertEquals(Optional.of(1), p.hopsBetween());
    }

    @Test
    void aCaptureWithItselfIsUntranslatedAndZeroHopsApart() throws IOException {
        TcpAnalysis a = TcpAnalysis.of(Fixtures.ETHERNET.path());
        Pair p = ConnectionPairing.of(a, a).pairs().get(0);
        assertEquals(Evidence.SAME_ISNS, p.evidence());
        assertFalse(p.clientTranslated());
        assertFalse(p.serverTranslated());
        assertEquals(Optional.of(0), p.hopsBetween());
        assertEquals(Duration.ZERO, p.offset());
    }

    @Test
    void aProxyThatReopensTheConnectionIsPairedByPayloadAndTime() throws IOException {
        // VirtualBox's NAT engine accepts the client's connection and opens its own to the guest: new ISNs both ways.
        byte[] serverSide = new PcapRewriter(Fixtures.bytes(Fixtures.NAT_SERVER_SIDE))
                .withSequenceShift(50690, 1_000_000).withSequenceShift(9898, 7_777).bytes();
        Path relayed = Files.write(tmp.resolve("relayed.pcap"), serverSide);
        TcpAnalysis b = TcpAnalysis.of(relayed);
        assertEquals(Fixtures.NAT_CLIENT_ISN + 1_000_000, b.connections().get(0).handshake().orElseThrow().clientIsn());

        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(Fixtures.path(Fixtures.NAT_CLIENT_SIDE)), b);
        assertEquals(1, pairing.pairs().size());
        Pair p = pairing.pairs().get(0);
        assertEquals(Evidence.RELAYED, p.evidence());
        assertEquals(Optional.empty(), p.hopsBetween(), "two connections: their TTLs say nothing about one path");
    }

    @Test
    void withoutTheSynTheSameEndpointsAtTheSameTimePair() throws IOException {
        Path late = Files.write(tmp.resolve("late.pcap"),
                new PcapRewriter(Fixtures.bytes(Fixtures.ETHERNET.file())).dropFirstFrames(3).bytes());
        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(Fixtures.ETHERNET.path()), TcpAnalysis.of(late));
        Pair p = pairing.pairs().get(0);
        assertEquals(Evidence.SAME_ENDPOINTS, p.evidence());
        assertEquals(Optional.empty(), p.hopsBetween());
    }

    @Test
    void differentConnectionsAtDifferentTimesDoNotPairEvenWithTheSamePayload() throws IOException {
        // Both fixtures carry the same 1000 and 8 bytes, a second apart: no ISN, endpoint or time in common.
        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(Fixtures.ETHERNET.path()),
                TcpAnalysis.of(Fixtures.SLL.path()));
        assertTrue(pairing.pairs().isEmpty(), pairing.pairs().toString());
        assertEquals(1, pairing.onlyInFirst().size());
        assertEquals(1, pairing.onlyInSecond().size());
    }

    @Test
    void ttlAndHopLimitAreReadFromTheIpHeader() throws IOException {
        // tshark: ip.ttl 64 and ipv6.hlim 64 on loopback, where nothing routes.
        assertEquals(64, TcpAnalysis.of(Fixtures.IPV6.path()).connections().get(0).handshake().orElseThrow().syn().ttl());
        assertEquals(64, TcpAnalysis.of(Fixtures.RAW.path()).connections().get(0).handshake().orElseThrow().syn().ttl());
    }
}
