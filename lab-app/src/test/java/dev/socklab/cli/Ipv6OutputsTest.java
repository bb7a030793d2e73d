package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.PcapRewriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output names an IPv6 endpoint the same readable way (RFC 5952: compressed, lower case, in brackets
 * with its port): analyze's tables and JSON, the pairing, summary's handshake ladder, the HTML report and its
 * SVG ladders. The capture is tcp-ipv6.pcap (loopback, ::1 both ways) with global addresses written in.
 */
class Ipv6OutputsTest {
    private static final String CLIENT = "[2001:db8:0:2::20]:38598";
    private static final String SERVER = "[fd00:ab:0:1::a]:9898";
    /** What Java's own text for these addresses would show: uncompressed groups. */
    private static final Pattern LONG_FORM = Pattern.compile("0:0:0|:0db8|FD00|2001:db8:0:2:0");

    @TempDir
    Path tmp;
    Path capture;

    @BeforeEach
    void writeCapture() throws Exception {
        capture = rewritten("v6.pcap", "2001:0DB8:0:2:0:0:0:20", "FD00:AB:0:1:0:0:0:A");
    }

    private Path rewritten(String name, String client, String server) throws Exception {
        byte[] original = Files.readAllBytes(Path.of(Objects.requireNonNull(
                Ipv6OutputsTest.class.getResource("/pcap/tcp-ipv6.pcap")).toURI()));
        byte[] rewritten = new PcapRewriter(original).withIpv6Addresses(9898,
                InetAddress.getByName(client).getAddress(), InetAddress.getByName(server).getAddress()).bytes();
        return Files.write(tmp.resolve(name), rewritten);
    }

    @Test
    void analyzeTablesAndJson() {
        CliRun r = CliRun.of("analyze", capture.toString());
        assertEquals(0, r.exit(), r.err().toString());
        String out = String.join("\n", r.out());
        assertTrue(out.contains("TCP connection 1: client " + CLIENT + " → server " + SERVER), out);
        assertFalse(LONG_FORM.matcher(out).find(), out);

        CliRun json = CliRun.of("analyze", "--json", capture.toString());
        String j = String.join("\n", json.out());
        assertTrue(j.contains("\"address\" : \"2001:db8:0:2::20\""), j);
        assertTrue(j.contains("\"address\" : \"fd00:ab:0:1::a\""), j);
    }

    @Test
    void pairingTable() {
        CliRun r = CliRun.of("analyze", "--pair", capture.toString(), capture.toString());
        assertEquals(0, r.exit(), r.err().toString());
        String out = String.join("\n", r.out());
        assertTrue(out.contains(CLIENT + " → " + SERVER), out);
        assertFalse(LONG_FORM.matcher(out).find(), out);
    }

    @Test
    void summaryHandshakeLadder() throws Exception {
        Path sent = Files.writeString(tmp.resolve("sample.txt"), "a".repeat(1000));
        Path received = Files.writeString(tmp.resolve("recv.txt"), "a".repeat(1000));
        CliRun r = CliRun.of("summary", "--sent", sent.toString(), "--received", received.toString(),
                "--pcap", capture.toString());
        String out = String.join("\n", r.out());
        assertTrue(out.contains("Three-way handshake " + CLIENT + " → " + SERVER), out);
        assertTrue(out.contains("client " + CLIENT) && out.contains("server " + SERVER), out);
        assertFalse(LONG_FORM.matcher(out).find(), out);
    }

    @Test
    void htmlReportAndSvgLadder() throws Exception {
        CliRun r = CliRun.of("report", capture.toString());
        assertEquals(0, r.exit(), r.err().toString());
        String html = Files.readString(tmp.resolve("v6.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("TCP connection 1: client " + CLIENT + " → server " + SERVER), html);
        assertFalse(LONG_FORM.matcher(html).find(), html);
        String svg = Files.readString(tmp.resolve("v6-1.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains(">" + CLIENT + "</text>"), svg);
        assertTrue(svg.contains(">" + SERVER + "</text>"), svg);
        assertTrue(svg.contains(">TCP connection 1: client " + CLIENT + " → server " + SERVER + ", 11 packets, "), svg);
        assertFalse(LONG_FORM.matcher(svg).find(), svg);
    }

    @Test
    void anSvgHeadingLeavesEndpointsTooLongForItToTheColumns() throws Exception {
        Path wide = rewritten("wide.pcap", "2001:db8:1234:5678:9abc:def0:1234:5678", "fd12:3456:789a:bcde:f012:3456:789a:bcde");
        assertEquals(0, CliRun.of("report", wide.toString()).exit());
        String svg = Files.readString(tmp.resolve("wide-1.svg"), StandardCharsets.UTF_8);
        // 13-pixel bold monospace is about 8 pixels a character: the full heading would run past 900 pixels.
        assertTrue(svg.contains(">TCP connection 1: 11 packets, 1,008 bytes</text>"), svg);
        assertTrue(svg.contains(">[2001:db8:1234:5678:9abc:def0:1234:5678]:38598</text>"), svg);
        assertTrue(svg.contains(">[fd12:3456:789a:bcde:f012:3456:789a:bcde]:9898</text>"), svg);
    }
}
