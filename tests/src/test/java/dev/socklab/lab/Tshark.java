package dev.socklab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * tshark, the independent judge: what Wireshark itself sees in a capture, per TCP stream
 * ({@code tcp.stream}) and UDP stream ({@code udp.stream}). One pass of {@code tshark -T fields}
 * over every frame, summed here, so byte counts are exact (the {@code -z conv,tcp} table rounds
 * them to kB). tshark comes from Debian's package, installed by {@code ./lab test}.
 */
final class Tshark {
    /** Fields per frame, in this order. */
    private static final List<String> FIELDS = List.of("frame.len", "tcp.stream", "udp.stream",
            "ip.src", "ipv6.src", "tcp.srcport", "udp.srcport", "tcp.flags",
            "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.zero_window",
            "tcp.analysis.out_of_order");
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;

    /** What one endpoint of a stream sent. */
    static final class Direction {
        long frames;
        long bytes;
        long retransmissions;
        long duplicateAcks;
        long zeroWindows;
        long outOfOrder;
        boolean fin;
        boolean rst;
        boolean syn;
        boolean synAck;

        @Override
        public String toString() {
            return frames + " frames, " + bytes + " bytes, " + retransmissions + " retransmissions, " + duplicateAcks
                    + " dup ACKs, " + zeroWindows + " zero windows, " + outOfOrder + " out-of-order"
                    + (fin ? ", FIN" : "") + (rst ? ", RST" : "");
        }
    }

    /** One stream, keyed by "address:port" of its two ends; {@code first} sent its first frame. */
    static final class Stream {
        final String first;
        final String second;
        final Direction fromFirst = new Direction();
        final Direction fromSecond = new Direction();

        Stream(String first, String second) {
            this.first = first;
            this.second = second;
        }

        Direction from(String endpoint) {
            if (endpoint.equals(first)) return fromFirst;
            if (second == null || endpoint.equals(second)) return fromSecond;   // nothing came back: all zero
            throw new AssertionError(endpoint + " is not an end of tshark's stream " + this);
        }

        @Override
        public String toString() {
            return first + " <-> " + second;
        }
    }

    private final Map<Integer, Stream> tcp = new LinkedHashMap<>();
    private final Map<Integer, Stream> udp = new LinkedHashMap<>();

    private Tshark() {
    }

    /** Runs tshark over the capture (pcap or pcapng). */
    static Tshark read(Path capture) throws IOException, InterruptedException {
        // ICMP errors quote a TCP/UDP header, which tshark would count in that stream; the conversation tables do not.
        Tshark t = new Tshark();
        fields(capture, "!icmp && !icmpv6", FIELDS).forEach(t::add);
        return t;
    }

    /** One TCP segment that carried data, as tshark decoded it: its frame, who sent it, where in the stream, what. */
    record Segment(long frame, int stream, String source, long seq, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    /** Every TCP segment with a payload, in capture order (sequence numbers relative, as Wireshark shows them). */
    static List<Segment> tcpSegments(Path capture) throws IOException, InterruptedException {
        List<Segment> segments = new ArrayList<>();
        for (String line : fields(capture, "tcp.len > 0 && !icmp && !icmpv6",
                List.of("frame.number", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.seq", "tcp.payload"))) {
            String[] f = line.split("\t", -1);
            if (f.length < 7) continue;
            String source = endpoint(!f[2].isEmpty() ? f[2] : f[3], f[4]);
            segments.add(new Segment(Long.parseLong(f[0]), Integer.parseInt(f[1]), source, Long.parseLong(f[5]),
                    java.util.HexFormat.of().parseHex(f[6].replace(":", ""))));
        }
        return segments;
    }

    /** tshark -T fields over every frame matching filter (empty: all): one tab-separated line per frame. */
    static List<String> lines(Path capture, String filter, String... fields) throws IOException, InterruptedException {
        return fields(capture, filter, List.of(fields));
    }

    /** tshark -T fields over every frame matching filter: one tab-separated line per frame. */
    private static List<String> fields(Path capture, String filter, List<String> fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(),
                "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Path out = Files.createTempFile("tshark", ".tsv");
        Path err = Files.createTempFile("tshark", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("tshark is not installed (./lab test installs it: apt-get install tshark)", e);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tshark did not finish reading " + capture + " within 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tshark failed on " + capture + ": " + Files.readString(err));
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void add(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < FIELDS.size()) return;
        String source = !f[3].isEmpty() ? f[3] : f[4];
        long length = Long.parseLong(f[0]);
        if (!f[1].isEmpty()) {
            Direction d = direction(tcp, Integer.parseInt(f[1]), endpoint(source, f[5]));
            d.frames++;
            d.bytes += length;
            int flags = Integer.decode(f[7]);
            if ((flags & SYN) != 0 && (flags & ACK) == 0) d.syn = true;
            if ((flags & SYN) != 0 && (flags & ACK) != 0) d.synAck = true;
            if ((flags & FIN) != 0) d.fin = true;
            if ((flags & RST) != 0) d.rst = true;
            if (!f[8].isEmpty()) d.retransmissions++;
            if (!f[9].isEmpty()) d.duplicateAcks++;
            if (!f[10].isEmpty()) d.zeroWindows++;
            if (!f[11].isEmpty()) d.outOfOrder++;
        } else if (!f[2].isEmpty()) {
            Direction d = direction(udp, Integer.parseInt(f[2]), endpoint(source, f[6]));
            d.frames++;
            d.bytes += length;
        }
    }

    /** The direction of {@code stream} sent by {@code source}; the stream's first sender opens it. */
    private static Direction direction(Map<Integer, Stream> streams, int stream, String source) {
        Stream s = streams.get(stream);
        if (s == null) {
            s = new Stream(source, null);
            streams.put(stream, s);
            return s.fromFirst;
        }
        if (source.equals(s.first)) return s.fromFirst;
        if (s.second == null) {
            Stream named = new Stream(s.first, source);
            copy(s.fromFirst, named.fromFirst);
            streams.put(stream, named);
            return named.fromSecond;
        }
        return s.from(source);
    }

    private static void copy(Direction from, Direction to) {
        to.frames = from.frames;
        to.bytes = from.bytes;
        to.retransmissions = from.retransmissions;
        to.duplicateAcks = from.duplicateAcks;
        to.zeroWindows = from.zeroWindows;
        to.outOfOrder = from.outOfOrder;
        to.fin = from.fin;
        to.rst = from.rst;
        to.syn = from.syn;
        to.synAck = from.synAck;
    }

    private static String endpoint(String address, String port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /** TCP streams in tshark's order (by first frame). */
    List<Stream> tcpStreams() {
        return List.copyOf(tcp.values());
    }

    /** UDP streams in tshark's order (by first frame). */
    List<Stream> udpStreams() {
        return List.copyOf(udp.values());
    }
}
