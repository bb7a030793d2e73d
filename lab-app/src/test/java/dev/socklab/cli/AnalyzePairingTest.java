package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code analyze CLIENT-SIDE SERVER-SIDE}: two captures of one connection, side by side. */
class AnalyzePairingTest {

    @Test
    void natCapturesArePrintedSideBySideWithTheTranslation() throws Exception {
        CliRun r = CliRun.of("analyze", "--pair", fixture("nat-client-side.pcap"), fixture("nat-server-side.pcap"),
                "--expect-handshake", "8080");
        assertEquals(0, r.exit(), String.join("\n", r.err()));
        assertEquals(List.of(), r.err());
        // Frames 16 and 20 and every number below as tshark reads the two files (ARP makes the frame counts differ).
        List<String> expected = List.of(
                "Two captures of the same traffic",
                "  A  nat-client-side.pcap  (16 packets, 1 TCP connection)",
                "  B  nat-server-side.pcap  (20 packets, 1 TCP connection)",
                "",
                "  pair  capture  client → server                      handshake  SYN TTL  hops  packets  bytes →  bytes ←",
                "  ----  -------  -----------------------------------  ---------  -------  ----  -------  -------  -------",
                "  1     A #1     10.24.2.30:50690 → 10.24.2.253:8080  complete        64     0       14      863      111",
                "        B #1     10.24.3.2:50690 → 10.24.3.15:9898    complete        63     1       14      863      111",
                "  SYN TTL: as it arrived where captured; hops: routers the client's SYN had passed (from 64, 128 or 255)",
                "",
                "  pair 1: same ISNs (client 464808581, server 2276671417); B saw it begin 0.036 ms after A",
                "    the client 10.24.2.30:50690 is 10.24.3.2:50690 in B: source NAT between the capture points"
                        + " (one side sees the gateway, not the client)",
                "    the server 10.24.2.253:8080 is 10.24.3.15:9898 in B: destination NAT, a forwarded port",
                "    the SYN's TTL is 64 in A and 63 in B: 1 router between the two capture points");
        assertEquals(expected, r.out());
    }

    @Test
    void capturesWithNothingInCommonExitFourWithOneLine() throws Exception {
        CliRun r = CliRun.of("analyze", "--pair", fixture("tcp-ethernet.pcap"), fixture("tcp-sll.pcap"));
        assertEquals(AnalyzeCommand.EXIT_NO_PAIR, r.exit());
        assertEquals("analyze: no connection appears in both tcp-ethernet.pcap and tcp-sll.pcap", r.errLine());
        assertTrue(r.out().contains("  no connection appears in both captures"), r.out().toString());
        assertTrue(r.out().contains("  only in B: #1 TCP 127.0.0.1:33508 → 127.0.0.1:9898"), r.out().toString());
    }

    @Test
    void aMissingSecondCaptureIsOneLineAndExitOne() throws Exception {
        CliRun r = CliRun.of("analyze", "--pair", fixture("tcp-ethernet.pcap"), "/nonexistent/other.pcap");
        assertEquals(1, r.exit());
        assertTrue(r.errLine().startsWith("analyze: no such file or folder: "), r.errLine());
        assertEquals(List.of(), r.out());
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(AnalyzePairingTest.class.getResource("/pcap/" + name).toURI()).toString();
    }
}
