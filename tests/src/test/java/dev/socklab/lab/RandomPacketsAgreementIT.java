package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.Endpoint;
import dev.socklab.pcap.Malformation;
import dev.socklab.pcap.Malformations;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packets at the edges (Wireshark's randpkt output and one packet per length rule, the analyzer's unit-test
 * fixtures): tshark, run here on the same files, must list exactly the TCP and UDP conversations our
 * analyzer finds, with the same frames and bytes each way, and every packet the analyzer leaves out must
 * be named in its malformed count. Needs tshark, not Docker.
 */
class RandomPacketsAgreementIT {
    private static final Path FIXTURES = LabImages.ROOT.resolve("lab-app/src/test/resources/randpkt");
    /** A row of tshark's -z conv table: A <-> B, frames and bytes B→A, frames and bytes A→B, then totals. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+)\\s+([\\d,]+) (bytes|kB|MB)\\s+(\\d+)\\s+([\\d,]+) (bytes|kB|MB)\\s");

    /** One conversation: frames and bytes from its lower endpoint (by text) and from its higher one. */
    record Conversation(long framesFromLow, long bytesFromLow, long framesFromHigh, long bytesFromHigh) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp.pcap", "udp.pcap", "ipv6.pcap", "ip.pcap", "edge-cases.pcap"})
    void conversationsAgreeWithTshark(String file) throws Exception {
        Path capture = FIXTURES.resolve(file);
        assertTrue(Files.isRegularFile(capture), "fixture " + capture);
        TcpAnalysis ours = TcpAnalysis.of(capture);
        Map<String, Map<String, Conversation>> tshark = tsharkConversations(capture);

        Map<String, Conversation> tcp = new TreeMap<>();
        for (TcpConnection c : ours.connections()) {
            put(tcp, c.client(), c.server(), c.fromClient().packets(), c.fromClient().frameBytes(),
                    c.fromServer().packets(), c.fromServer().frameBytes());
        }
        Map<String, Conversation> udp = new TreeMap<>();
        for (UdpFlow f : ours.udpFlows()) {
            put(udp, f.initiator(), f.responder(), f.datagramsFromInitiator(), f.frameBytesFromInitiator(),
                    f.datagramsFromResponder(), f.frameBytesFromResponder());
        }
        assertEquals(tshark.get("tcp"), tcp, file + ": TCP conversations (tshark -z conv,tcp vs ours)");
        assertEquals(tshark.get("udp"), udp, file + ": UDP conversations (tshark -z conv,udp vs ours)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp.pcap", "edge-cases.pcap"})
    void everyUdpPacketTsharkLeavesOutIsNamedAsMalformed(String file) throws Exception {
        Path capture = FIXTURES.resolve(file);
        TcpAnalysis ours = TcpAnalysis.of(capture);
        // UDP packets tshark decodes but counts in no conversation: no udp.stream.
        long leftOut = count(capture, "udp && !udp.stream && !icmp && !icmpv6")
                + count(capture, "(ip.proto == 17 || ipv6.nxt == 17) && !udp && !icmp && !icmpv6");
        Malformations m = ours.malformations();
        long named = m.tallies(Malformation.Group.MALFORMED).stream()
                .filter(t -> !t.kind().counted() && t.kind().id().startsWith("udp-"))
                .mapToLong(Malformations.Tally::packets).sum();
        assertTrue(named > 0, file + " holds UDP packets no flow counts");
        assertEquals(leftOut, named, file + ": UDP packets in no flow (tshark) vs named malformed and not counted (ours)");
    }

    private static void put(Map<String, Conversation> map, Endpoint a, Endpoint b, long framesA, long bytesA,
                            long framesB, long bytesB) {
        String ta = tsharkText(a);
        String tb = tsharkText(b);
        boolean aLow = ta.compareTo(tb) <= 0;
        String key = aLow ? ta + " <-> " + tb : tb + " <-> " + ta;
        Conversation c = aLow ? new Conversation(framesA, bytesA, framesB, bytesB)
                : new Conversation(framesB, bytesB, framesA, bytesA);
        Conversation old = map.put(key, c);
        if (old != null) throw new AssertionError("two conversations between " + key);
    }

    /** tshark names an endpoint address:port without brackets, in the same compressed IPv6 form as ours. */
    private static String tsharkText(Endpoint e) {
        return e.host() + ":" + e.port();
    }

    /** "tcp" and "udp" to conversations, keyed "low <-> high". */
    private static Map<String, Map<String, Conversation>> tsharkConversations(Path capture) throws Exception {
        List<String> lines = tshark(capture, "-q", "-z", "conv,tcp", "-z", "conv,udp");
        Map<String, Map<String, Conversation>> out = Map.of("tcp", new TreeMap<>(), "udp", new TreeMap<>());
        Map<String, Conversation> current = null;
        for (String line : lines) {
            if (line.startsWith("TCP Conversations")) current = out.get("tcp");
            if (line.startsWith("UDP Conversations")) current = out.get("udp");
            Matcher m = ROW.matcher(line);
            if (!m.find()) continue;
            assertEquals("bytes", m.group(5), "tshark rounds bytes above 1 kB: " + line);
            assertEquals("bytes", m.group(8), "tshark rounds bytes above 1 kB: " + line);
            String a = m.group(1);
            String b = m.group(2);
            // The "->" columns are what A sent, the "<-" ones what B sent.
            long framesA = Long.parseLong(m.group(6));
            long bytesA = Long.parseLong(m.group(7).replace(",", ""));
            long framesB = Long.parseLong(m.group(3));
            long bytesB = Long.parseLong(m.group(4).replace(",", ""));
            boolean aLow = a.compareTo(b) <= 0;
            String key = aLow ? a + " <-> " + b : b + " <-> " + a;
            Conversation c = aLow ? new Conversation(framesA, bytesA, framesB, bytesB)
                    : new Conversation(framesB, bytesB, framesA, bytesA);
            if (current == null || current.put(key, c) != null) throw new AssertionError("unexpected tshark row: " + line);
        }
        return out;
    }

    private static long count(Path capture, String filter) throws Exception {
        return tshark(capture, "-Y", filter, "-T", "fields", "-e", "frame.number").stream().filter(l -> !l.isBlank()).count();
    }

    private static List<String> tshark(Path capture, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("tshark", ".txt");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("tshark is not installed (./lab test installs it: apt-get install tshark)", e);
            }
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tshark did not finish reading " + capture + " within 2 minutes");
            }
            assertEquals(0, p.exitValue(), "tshark " + cmd);
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
