package dev.socklab.check;

import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.TcpSegment;
import dev.socklab.pcap.TruncatedCaptureException;
import dev.socklab.tcp.Form;
import dev.socklab.tcp.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a TCP transfer opened, as the capture shows it, and the form (see {@link Form}) that reveals: what the
 * programs did on the wire, never what their source or output says. The rule is tcp-server's own (docs/protocol.md,
 * "Which form the other side uses"), applied to packets: a first line beginning {@code HELLO socklab} is socklab's;
 * a first message under one read ({@value #ONE_READ} bytes) without a newline, after which the client sent nothing
 * (no more data, no FIN) until the server answered, is the textbook greeting; anything else is raw, including a
 * server that speaks first and then receives until end of stream.
 *
 * @param form     the form found; empty when no data crossed
 * @param evidence one sentence naming the form and the packets that show it
 * @param packets  those packets (1-based, as Wireshark numbers them)
 * @param serverAnswered the server's first bytes came after the client's first bytes (it answered, it did not greet
 *                       first): with a raw client, what a greeting server does before the upload ends
 */
public record Exchange(Optional<Form> form, String evidence, List<Long> packets, boolean serverAnswered) {
    /** The textbook's recv(1024): more than that at once is no greeting. */
    static final int ONE_READ = Protocol.MAX_LINE;
    private static final int QUOTE = 60;

    public Exchange {
        packets = List.copyOf(packets);
    }

    /** One segment of the connection that carried data, a FIN or a RST, with its first bytes. */
    record Segment(long frame, Instant time, boolean fromClient, int length, byte[] head, boolean fin) {
    }

    /** The opening of {@code c} in the capture. */
    static Exchange of(Path pcap, TcpConnection c) throws IOException {
        return of(segments(pcap, c));
    }

    /** The form the segments show (in capture order, retransmissions already left out). */
    static Exchange of(List<Segment> segments) {
        ByteArrayOutputStream before = new ByteArrayOutputStream();   // the client's bytes before the server's first
        long clientBytes = 0;
        Segment clientFirst = null;
        Segment clientLast = null;
        Segment clientFin = null;
        Segment serverFirst = null;
        for (Segment s : segments) {
            if (!s.fromClient()) {
                if (s.length() > 0) {
                    serverFirst = s;
                    break;
                }
                continue;
            }
            if (clientFin != null) continue;
            if (s.length() > 0) {
                if (clientFirst == null) clientFirst = s;
                clientLast = s;
                clientBytes += s.length();
                before.write(s.head(), 0, Math.min(s.head().length, Math.max(0, ONE_READ - before.size())));
            }
            if (s.fin()) clientFin = s;
        }
        if (clientFirst == null && serverFirst == null) {
            return new Exchange(Optional.empty(), "no data crossed: no form to tell", List.of(), false);
        }
        if (clientFirst == null) {
            return new Exchange(Optional.of(Form.RAW), "raw: the server spoke first (" + quote(serverFirst) + ", packet "
                    + serverFirst.frame() + "), before the client's first byte: a server that greets on accept, then "
                    + "receives until end of stream", frames(serverFirst), false);
        }
        byte[] opening = before.toByteArray();
        if (startsWith(opening, "HELLO socklab")) {
            return new Exchange(Optional.of(Form.SOCKLAB), "socklab: the client announced '" + line(opening) + "' (packet "
                    + clientFirst.frame() + ")" + (serverFirst != null ? "; the server answered " + quote(serverFirst)
                    + " (packet " + serverFirst.frame() + ")" : "; the server never answered"), frames(clientFirst, serverFirst),
                    serverFirst != null);
        }
        if (serverFirst == null) {
            return new Exchange(Optional.of(Form.RAW), "raw: the client sent " + bytes(clientBytes) + (clientFin != null
                    ? " and half-closed (packet " + clientFin.frame() + ")" : " and never half-closed")
                    + "; the server said nothing", frames(clientFirst, clientFin), false);
        }
        boolean newline = false;
        for (byte b : opening) newline |= b == '\n';
        if (clientFin == null && clientBytes < ONE_READ && !newline) {
            long waited = Duration.between(clientLast.time(), serverFirst.time()).toMillis();
            return new Exchange(Optional.of(Form.GREETING), "greeting: the client sent " + bytes(clientBytes)
                    + " without a newline (packet " + clientFirst.frame() + ") and waited " + (waited < 1 ? "under 1" : waited)
                    + " ms; the server answered "
                    + quote(serverFirst) + " (packet " + serverFirst.frame() + ")", frames(clientFirst, serverFirst), true);
        }
        String how = clientFin != null ? " and half-closed (packet " + clientFin.frame() + ") before the server answered "
                : (newline ? " in lines" : "") + " without waiting; the server answered after its first bytes, before the upload ended: ";
        return new Exchange(Optional.of(Form.RAW), "raw: the client sent " + bytes(clientBytes) + how + quote(serverFirst)
                + " (packet " + serverFirst.frame() + ")", frames(clientFirst, clientFin, serverFirst), true);
    }

    /** The connection's segments that carry data or a FIN, in capture order, each byte once. */
    private static List<Segment> segments(Path pcap, TcpConnection c) throws IOException {
        List<Segment> out = new ArrayList<>();
        long[] next = {-1, -1};   // the next new sequence number, client and server
        try (PacketSource source = CaptureReader.open(pcap)) {
            while (true) {
                Optional<Frame> f;
                try {
                    f = source.next();
                } catch (TruncatedCaptureException e) {
                    break;   // judged up to the last whole packet, as the rest of the check
                }
                if (f.isEmpty()) break;
                Optional<Packet> p = PacketDecoder.decode(f.get());
                if (p.isEmpty() || !(p.get().transport() instanceof TcpSegment t) || p.get().time().isBefore(c.firstSeen())) continue;
                boolean fromClient = p.get().source().equals(c.client()) && p.get().destination().equals(c.server());
                if (!fromClient && !(p.get().source().equals(c.server()) && p.get().destination().equals(c.client()))) continue;
                if (t.flags().syn()) {
                    next[fromClient ? 0 : 1] = (t.seq() + 1) & 0xFFFFFFFFL;
                    continue;
                }
                int side = fromClient ? 0 : 1;
                boolean again = next[side] >= 0 && t.payloadLength() > 0 && ((next[side] - t.seq()) & 0xFFFFFFFFL) < (1L << 31)
                        && ((next[side] - t.seq()) & 0xFFFFFFFFL) >= t.payloadLength();
                if (again || (t.payloadLength() == 0 && !t.flags().fin())) continue;
                if (t.payloadLength() > 0) next[side] = (t.seq() + t.payloadLength()) & 0xFFFFFFFFL;
                out.add(new Segment(p.get().number(), p.get().time(), fromClient, t.payloadLength(),
                        payload(f.get(), p.get(), t), t.flags().fin()));
                // Decided at the server's first bytes (or long before that, for a client that streams a big file).
                if ((!fromClient && t.payloadLength() > 0) || out.size() > 10_000) break;
            }
        }
        return out;
    }

    /** The segment's captured data bytes, at most one read's worth. */
    private static byte[] payload(Frame f, Packet p, TcpSegment t) {
        int start = p.ip().payloadOffset() + t.headerLength();
        int n = Math.max(0, Math.min(Math.min(t.payloadLength(), ONE_READ), f.data().length - start));
        byte[] b = new byte[n];
        if (n > 0) System.arraycopy(f.data(), start, b, 0, n);
        return b;
    }

    private static boolean startsWith(byte[] bytes, String mark) {
        if (bytes.length < mark.length()) return false;
        for (int i = 0; i < mark.length(); i++) if (bytes[i] != mark.charAt(i)) return false;
        return true;
    }

    /** The first line, printable. */
    private static String line(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return cut(Protocol.printable(nl >= 0 ? s.substring(0, nl) : s));
    }

    /** A segment's first bytes, quoted and printable (a newline shown as \n). */
    private static String quote(Segment s) {
        String text = new String(s.head(), StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
        return "'" + cut(Protocol.printable(text)) + "'";
    }

    private static String cut(String s) {
        return s.length() > QUOTE ? s.substring(0, QUOTE) + "..." : s;
    }

    private static String bytes(long n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    private static List<Long> frames(Segment... segments) {
        List<Long> out = new ArrayList<>();
        for (Segment s : segments) if (s != null && !out.contains(s.frame())) out.add(s.frame());
        return out;
    }
}
