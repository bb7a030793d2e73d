package dev.socklab.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Packets at the edges (src/test/resources/randpkt, see make-fixtures.sh there): Wireshark's own random
 * packets and one packet per length rule. The analyzer counts the conversations tshark counts, and names
 * every packet it leaves out. Expected numbers recorded with
 * {@code tshark -n -q -r F -z conv,tcp -z conv,udp} (conversations, and the sums of their Frames and Bytes columns).
 */
class RandomPacketsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,      TCP conv, frames, bytes, UDP conv, frames, bytes
            "tcp.pcap,        23,     23,  1453,        0,      0,     0",
            "udp.pcap,         0,      0,     0,     1482,   1482, 78904",
            "ipv6.pcap,        0,      0,     0,        3,      3,   189",
            "ip.pcap,          0,      0,     0,        0,      0,     0",
            "edge-cases.pcap,  2,      2,    84,        8,      8,   360",
    })
    void countsTheConversationsTsharkCounts(String file, int tcp, long tcpFrames, long tcpBytes,
                                            int udp, long udpFrames, long udpBytes) throws IOException {
        TcpAnalysis a = TcpAnalysis.of(path(file));
        assertEquals(tcp, a.connections().size(), file + ": TCP conversations");
        assertEquals(tcpFrames, a.connections().stream().mapToLong(TcpConnection::packets).sum(), file + ": TCP frames");
        assertEquals(tcpBytes, a.connections().stream()
                .mapToLong(c -> c.fromClient().frameBytes() + c.fromServer().frameBytes()).sum(), file + ": TCP bytes");
        assertEquals(udp, a.udpFlows().size(), file + ": UDP conversations");
        assertEquals(udpFrames, a.udpDatagrams(), file + ": UDP frames");
        assertEquals(udpBytes, a.udpFlows().stream()
                .mapToLong(f -> f.frameBytesFromInitiator() + f.frameBytesFromResponder()).sum(), file + ": UDP bytes");
    }

    @Test
    void everyUdpPacketLeftOutIsNamed() throws IOException {
        // randpkt -t udp: every frame is IPv4 + UDP, so each is in a flow or named as a packet no flow counts.
        TcpAnalysis a = TcpAnalysis.of(path("udp.pcap"));
        Map<String, Long> kinds = kinds(a.malformations());
        assertEquals(Map.of("udp-length-below-header", 3L, "udp-length-past-payload", 1482L, "udp-header-cut", 515L,
                "ipv4-total-length-past-frame", 2000L), kinds);
        long leftOut = a.malformations().tallies(Malformation.Group.MALFORMED).stream()
                .filter(t -> !t.kind().counted()).mapToLong(Malformations.Tally::packets).sum();
        assertEquals(a.frames(), a.udpDatagrams() + leftOut);
        assertEquals(2000, a.malformations().packets(Malformation.Group.TRUNCATED));
        assertEquals(2000, a.malformations().packets(Malformation.Group.MALFORMED));
    }

    @Test
    void eachLengthRuleIsNamedWithItsFirstFrame() throws IOException {
        Malformations m = TcpAnalysis.of(path("edge-cases.pcap")).malformations();
        Map<String, String> first = new LinkedHashMap<>();
        for (Malformation.Group g : Malformation.Group.values()) {
            for (Malformations.Tally t : m.tallies(g)) first.put(t.kind().id(), t.firstFrame() + ": " + t.example());
        }
        assertEquals(Map.ofEntries(
                Map.entry("ipv4-header-length", "10: IPv4 header length 16 below 20"),
                Map.entry("ipv4-total-length-below-header", "9: IPv4 total length 10 below the header's 20 bytes"),
                Map.entry("udp-length-below-header", "7: UDP length 0 below the 8-byte header"),
                Map.entry("udp-length-past-payload", "13: UDP length 300 past the IP payload's 20 bytes"),
                Map.entry("udp-zero-length-short-payload", "8: UDP length 0 (a jumbogram's) on an IP payload of 20 bytes"),
                Map.entry("udp-header-cut", "16: UDP header of 8 bytes in an IP payload of 6"),
                Map.entry("udp-lite-coverage", "4: UDP-Lite checksum coverage 5 outside 8..20 (the IP payload)"),
                Map.entry("tcp-header-cut", "17: TCP header of 20 bytes in an IP payload of 12"),
                Map.entry("tcp-header-length-below-minimum", "1: TCP data offset 16 bytes below 20"),
                Map.entry("tcp-header-past-payload", "2: TCP data offset 60 bytes past the IP payload's 20"),
                Map.entry("ipv4-total-length-past-frame", "11: IPv4 total length 200 past the frame's 40 bytes"),
                Map.entry("ipv6-payload-length-past-frame", "12: IPv6 payload length 500 past the frame's 20 bytes")),
                first);
        assertEquals(12, m.packets(Malformation.Group.MALFORMED));
        assertEquals(3, m.packets(Malformation.Group.TRUNCATED));
    }

    @Test
    void aLengthPastTheFrameIsClippedToItAsWiresharkDoes() throws IOException {
        // Frame 14: a SYN whose IPv4 total length says 300 in a 40-byte frame carries no data.
        TcpConnection c = TcpAnalysis.of(path("edge-cases.pcap")).connections().stream()
                .filter(x -> x.client().port() == 1004).findFirst().orElseThrow();
        assertEquals(0, c.fromClient().payloadBytes());
    }

    @Test
    void aFrameCutByTheSnapLengthIsNotMalformed() throws IOException {
        // tcp-ethernet.pcap was captured with -s 128: its 1000-byte segment is cut in the file, not on the wire.
        TcpAnalysis a = TcpAnalysis.of(Fixtures.path("tcp-ethernet.pcap"));
        assertEquals(List.of(), a.malformations().tallies(Malformation.Group.TRUNCATED));
        assertEquals(List.of(), a.malformations().tallies(Malformation.Group.MALFORMED));
        assertEquals(1000, a.connections().getFirst().fromClient().payloadBytes());
    }

    private static Map<String, Long> kinds(Malformations m) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Malformation.Group g : Malformation.Group.values()) {
            for (Malformations.Tally t : m.tallies(g)) out.put(t.kind().id(), t.packets());
        }
        return out;
    }

    private static Path path(String file) {
        URL url = RandomPacketsTest.class.getResource("/randpkt/" + file);
        if (url == null) throw new IllegalStateException("missing fixture " + file);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
