package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

    /** What one run of the command line produced. */
    record Run(int exitCode, String out, String err) {
    }

    @TempDir
    Path tmp;

    @Test
    void printsHandshakeTrafficAndTeardown() throws Exception {
        Run r = run("analyze", fixture("tcp-ethernet.pcap"));
        assertEquals(0, r.exitCode());
        assertEquals("", r.err());
        String expected = """
                tcp-ethernet.pcap: 11 packets, 1 TCP connection

                TCP connection 1: client 127.0.0.1:33494 → server 127.0.0.1:9898
                  handshake: complete
                    step     dir         seq         ack  rel seq  rel ack  time ms
                    -------  ---  ----------  ----------  -------  -------  -------
                    SYN      →    2932302998           -        0        -    0.000
                    SYN-ACK  ←     825652506  2932302999        0        1    0.016
                    ACK      →    2932302999   825652507        1        1    0.030
                  handshake RTT: 0.030 ms (SYN→SYN-ACK 0.016 ms, SYN-ACK→ACK 0.014 ms)
                  traffic:
                    direction      packets  bytes  payload bytes  by seq space  retrans  dup ACKs  zero win  out of order
                    -------------  -------  -----  -------------  ------------  -------  --------  --------  ------------
                    client→server        6   1404           1000          1000        0         0         0             0
                    server→client        5    346              8             8        0         0         0             0
                  teardown: FIN server→client first, then client→server
                  duration: 301.032 ms (2026-11-21 05:04:59.784234 UTC → 2026-11-21 05:05:00.085266 UTC)
                """;
        assertEquals(expected, r.out());
    }

    @Test
    void expectedHandshakePresentExitsZero() throws Exception {
        Run r = run("analyze", fixture("tcp-ipv6.pcap"), "--expect-handshake", "9898");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("client [::1]:38598 → server [::1]:9898"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void refusedConnectionIsNotAHandshakeExitsThree() throws Exception {
        Run r = run("analyze", fixture("tcp-rst.pcap"), "--expect-handshake", "9899");
        assertEquals(3, r.exitCode());
        assertOneLine(r.err());
        assertEquals("analyze: no complete three-way handshake to port 9899 in tcp-rst.pcap (1 connection;"
                + " 127.0.0.1:56162 → 127.0.0.1:9899: no SYN-ACK from the server)\n", r.err());
        // The summary is still printed: it shows why.
        assertTrue(r.out().contains("teardown: RST by server"), r.out());
    }

    @Test
    void noConnectionToThePortExitsThree() throws Exception {
        Run r = run("analyze", fixture("udp.pcap"), "--expect-handshake", "9898");
        assertEquals(3, r.exitCode());
        assertEquals("analyze: no complete three-way handshake to port 9898 in udp.pcap (no TCP connection to that port)\n",
                r.err());
        assertTrue(r.out().endsWith("\nUDP: 7 datagrams in 2 flows\n"), r.out());
        // Per flow, as tshark -z conv,udp counts frames: 3 each way on the echo flow, 1 one way to the closed port.
        assertTrue(r.out().matches("(?s).*127\\.0\\.0\\.1:59004 → 127\\.0\\.0\\.1:9900 +3 +21 +3 +21 .*"), r.out());
        assertTrue(r.out().matches("(?s).*127\\.0\\.0\\.1:46710 → 127\\.0\\.0\\.1:9901 +1 +1 +0 +0 .*"), r.out());
    }

    @Test
    void missingFileIsOneLineAndExitOne() throws Exception {
        Run r = run("analyze", tmp.resolve("nope.pcap").toString());
        assertEquals(1, r.exitCode());
        assertOneLine(r.err());
        assertTrue(r.err().startsWith("analyze: no such file or folder: "), r.err());
    }

    @Test
    void notAPcapIsOneLineAndExitOne() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.pcap"), "hello, not a capture\n");
        Run r = run("analyze", text.toString());
        assertEquals(1, r.exitCode());
        assertEquals("analyze: notes.pcap is not a pcap capture (its first bytes are 68 65 6c 6c)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void truncatedCaptureIsOneLineAndExitOne() throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of(fixture("tcp-ethernet.pcap")));
        Path cut = Files.write(tmp.resolve("cut.pcap"), Arrays.copyOf(pcap, pcap.length - 10));
        Run r = run("analyze", cut.toString());
        assertEquals(1, r.exitCode());
        assertOneLine(r.err());
        assertTrue(r.err().startsWith("analyze: cut.pcap is truncated: packet 11 has "), r.err());
        assertTrue(r.err().endsWith("(after 10 complete packets); the summary above covers those packets only\n"),
                r.err());
        // What was read is still summarised: the capture was cut in the last ACK.
        assertTrue(r.out().startsWith("cut.pcap: 10 packets, 1 TCP connection\n"), r.out());
        assertTrue(r.out().contains("teardown: FIN server→client first, then client→server"), r.out());
    }

    @Test
    void zeroLengthFileIsOneLineAndExitOne() throws Exception {
        Path empty = Files.write(tmp.resolve("empty.pcap"), new byte[0]);
        Run r = run("analyze", empty.toString());
        assertEquals(1, r.exitCode());
        assertEquals("analyze: empty.pcap is not a pcap capture: the file is empty\n", r.err());
    }

    @Test
    void corruptRecordLengthIsOneLineAndExitOne() throws Exception {
        byte[] pcap = Files.readAllBytes(Path.of(fixture("tcp-ethernet.pcap")));
        // The first record's captured length (little-endian, after the 24-byte file header and 8 bytes of time).
        pcap[24 + 8 + 3] = 0x7f;
        Path corrupt = Files.write(tmp.resolve("corrupt.pcap"), pcap);
        Run r = run("analyze", corrupt.toString());
        assertEquals(1, r.exitCode());
        assertOneLine(r.err());
        assertTrue(r.err().startsWith("analyze: corrupt.pcap"), r.err());
    }

    @Test
        void pcapngFromWiresharkReadsLikeThePcap() throws Exception {
        Run pcap = run("analyze", fixture("tcp-ethernet.pcap"));
        Run pcapng = run("analyze", fixture("tcp-ethernet.pcapng"));
        assertEquals(0, pcapng.exitCode(), pcapng.err());
        assertEquals(pcap.out().replace("tcp-ethernet.pcap:", "tcp-ethernet.pcapng:"), pcapng.out());
    }

    @Test
    void severalConnectionsGetAnOverviewTable() throws Exception {
        Run r = run("analyze", fixture("tcp-reuse.pcap"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("""
                #  client           server          packets  bytes  retrans  dup ACKs  zero win  out of order  RTT ms  \
                teardown          duration ms
                """.replace("\\\n", "").strip()), r.out());
        assertTrue(r.out().matches("(?s).*\\n1  127\\.0\\.0\\.1:45678  127\\.0\\.0\\.1:9898 +11 +1750 +0 +0 +0 +0 +0\\.032 "
                + " server FIN first +301\\.343\\n.*"), r.out());
    }

    @Test
    void lossyCaptureCountsWhatTsharkCounts() throws Exception {
        Run r = run("analyze", fixture("tcp-lossy.pcap"));
        assertEquals(0, r.exitCode(), r.err());
        // tshark -r tcp-lossy.pcap -Y tcp.analysis.retransmission (7), .out_of_order (6), .duplicate_ack (25),
        // and -z conv,tcp for packets and bytes each way.
        assertTrue(r.out().contains("client→server      395  568694         542616        524288        7         0         0             6"),
                r.out());
        assertTrue(r.out().contains("server→client      215   14794              0             0        0        25         0             0"),
                r.out());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Run r = run("analyze", "--json", fixture("tcp-zerowin.pcap"), fixture("udp.pcap"));
        assertEquals(0, r.exitCode(), r.err());
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("captures").size());
        com.fasterxml.jackson.databind.JsonNode tcp = root.get("captures").get(0);
        assertEquals("tcp-zerowin.pcap", tcp.get("file").asText());
        assertEquals(305, tcp.get("frames").asLong());
        assertTrue(tcp.get("truncated").isNull());
        com.fasterxml.jackson.databind.JsonNode c = tcp.get("tcpConnections").get(0);
        assertEquals("10.78.0.1", c.get("client").get("address").asText());
        assertEquals(9898, c.get("server").get("port").asInt());
        assertTrue(c.get("handshake").get("complete").asBoolean());
        assertEquals("0.033", c.get("handshake").get("rttMs").decimalValue().toPlainString());
        assertEquals(198, c.get("clientToServer").get("packets").asLong());
        assertEquals(276668, c.get("clientToServer").get("bytes").asLong());
        assertEquals(262144, c.get("clientToServer").get("sequenceBytes").asLong());
        assertEquals(1, c.get("clientToServer").get("retransmissions").asLong());
        assertEquals(2, c.get("serverToClient").get("zeroWindows").asLong());
        assertEquals("client", c.get("teardown").get("closedFirstBy").asText());
        assertFalse(c.get("teardown").get("rst").asBoolean());
        com.fasterxml.jackson.databind.JsonNode udp = root.get("captures").get(1);
        assertEquals(0, udp.get("tcpConnections").size());
        assertEquals(2, udp.get("udpFlows").size());
        com.fasterxml.jackson.databind.JsonNode echo = udp.get("udpFlows").get(0);
        assertEquals(3, echo.get("initiatorToResponder").get("datagrams").asLong());
        assertEquals(147, echo.get("initiatorToResponder").get("bytes").asLong());   // tshark -z conv,udp
        assertEquals(21, echo.get("responderToInitiator").get("payloadBytes").asLong());
    }

    @Test
    void malformedAndTruncatedPacketsAreNamedInTextAndJson() throws Exception {
        String edges = Path.of(AnalyzeCommandTest.class.getResource("/randpkt/edge-cases.pcap").toURI()).toString();
        Run r = run("analyze", edges);
        assertEquals(0, r.exitCode(), r.err());
        String text = r.out();
        assertTrue(text.contains("""

                malformed: 12 packets (a header length that cannot be right)
                  packets  first frame  what (the first one)                                         counted
                  -------  -----------  -----------------------------------------------------------  -------
                        1           10  IPv4 header length 16 below 20                               no
                """), text);
        assertTrue(text.contains("\n        1           13  UDP length 300 past the IP payload's 20 bytes                yes\n"), text);
        assertTrue(text.contains("""
                truncated: 3 packets (a length field runs past the end of the frame)
                  packets  first frame  what (the first one)                               counted
                  -------  -----------  -------------------------------------------------  -------
                        2           11  IPv4 total length 200 past the frame's 40 bytes    yes
                        1           12  IPv6 payload length 500 past the frame's 20 bytes  yes
                  counted: whether the packet still counts in its TCP connection or UDP flow, as in Wireshark's conversations
                """), text);

        Run j = run("analyze", "--json", edges);
        com.fasterxml.jackson.databind.JsonNode expert = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(j.out()).get("captures").get(0).get("expertInfo");
        assertEquals(12, expert.get("malformed").get("packets").asLong());
        com.fasterxml.jackson.databind.JsonNode below = expert.get("malformed").get("kinds").get(2);
        assertEquals("udp-length-below-header", below.get("kind").asText());
        assertEquals("UDP length below its header", below.get("title").asText());
        assertEquals(1, below.get("packets").asLong());
        assertEquals(7, below.get("firstFrame").asLong());
        assertEquals("UDP length 0 below the 8-byte header", below.get("example").asText());
        assertFalse(below.get("counted").asBoolean());
        assertEquals(3, expert.get("truncated").get("packets").asLong());
        assertEquals("ipv4-total-length-past-frame", expert.get("truncated").get("kinds").get(0).get("kind").asText());
    }

    @Test
    void aCleanCaptureSaysNothingOfMalformedPackets() throws Exception {
        Run r = run("analyze", fixture("tcp-ethernet.pcap"));
        assertFalse(r.out().contains("malformed") || r.out().contains("truncated"), r.out());
        Run j = run("analyze", "--json", fixture("tcp-ethernet.pcap"));
        com.fasterxml.jackson.databind.JsonNode expert = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(j.out()).get("captures").get(0).get("expertInfo");
        assertEquals(0, expert.get("malformed").get("packets").asLong());
        assertEquals(0, expert.get("truncated").get("kinds").size());
    }

    @Test
    void oneBadFileAmongGoodOnesIsOneLineAfterTheOthersAreShown() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.pcap"), "hello, not a capture\n");
        Run r = run("analyze", fixture("tcp-ethernet.pcap"), text.toString(), fixture("udp.pcap"));
        assertEquals(1, r.exitCode());
        assertEquals("analyze: notes.pcap is not a pcap capture (its first bytes are 68 65 6c 6c)\n", r.err());
        assertTrue(r.out().startsWith("tcp-ethernet.pcap: 11 packets"), r.out());
        assertTrue(r.out().contains("\nudp.pcap: 8 packets, 0 TCP connections\n"), r.out());
    }

    @Test
    void badPortIsAUsageError() throws Exception {
        Run r = run("analyze", fixture("tcp-ethernet.pcap"), "--expect-handshake", "70000");
        assertEquals(2, r.exitCode());
        assertOneLine(r.err());
    }

    private static void assertOneLine(String err) {
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(AnalyzeCommandTest.class.getResource("/pcap/" + name).toURI()).toString();
    }

    private static Run run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
