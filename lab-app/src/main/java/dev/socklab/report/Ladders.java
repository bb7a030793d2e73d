package dev.socklab.report;

import dev.socklab.pcap.CapturePoint;
import dev.socklab.pcap.Endpoint;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.TcpSegment;
import dev.socklab.pcap.TruncatedCaptureException;
import dev.socklab.pcap.UdpDatagram;
import dev.socklab.pcap.UdpFlow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Draws ladders for conversations the analysis found: a second streaming pass over the capture sends
 * each packet to its conversation's {@link LadderBuilder}. The analysis (first pass) decides which
 * conversation a packet belongs to, who is client, and which frames form the handshake, so a report
 * always agrees with {@code analyze}.
 */
public final class Ladders {
    /** The two endpoints of a conversation in a fixed order, so both directions find the same entry. */
    private record Ends(Endpoint low, Endpoint high) {
        static Ends of(Endpoint a, Endpoint b) {
            return a.compareTo(b) <= 0 ? new Ends(a, b) : new Ends(b, a);
        }
    }

    /** A TCP connection on its 4-tuple: it owns the packets from its first frame until the next one starts. */
    private record Span(long firstFrame, LadderBuilder builder) {
    }

    private Ladders() {
    }

    /**
     * The ladders of {@code tcp} and {@code udp} (conversations of {@code analysis}, which was made from the
     * same capture), in that order. A capture that ends mid-packet is drawn up to there, as the analysis was.
     */
    public static List<Ladder> draw(Path capture, TcpAnalysis analysis, List<TcpConnection> tcp, List<UdpFlow> udp,
                                    int headRows, int tailRows) throws IOException {
        return draw(CapturePoint.whole(capture), analysis, tcp, udp, headRows, tailRows);
    }

    public static List<Ladder> draw(CapturePoint capture, TcpAnalysis analysis, List<TcpConnection> tcp, List<UdpFlow> udp,
                                    int headRows, int tailRows) throws IOException {
        Map<TcpConnection, LadderBuilder> tcpBuilders = new IdentityHashMap<>();
        for (TcpConnection c : tcp) {
            OptionalLong ackFrame = c.handshake().flatMap(Handshake::ack)
                    .map(a -> OptionalLong.of(a.frame())).orElse(OptionalLong.empty());
            tcpBuilders.put(c, new LadderBuilder(c.client(), ackFrame, headRows, tailRows));
        }
        // Every connection of the analysis takes part, drawn or not, so a 4-tuple reused by a later
        // connection hands its packets over at that connection's SYN, as the analysis split them.
        Map<Ends, List<Span>> spans = new HashMap<>();
        for (TcpConnection c : analysis.connections()) {
            List<Span> onTuple = spans.computeIfAbsent(Ends.of(c.client(), c.server()), k -> new ArrayList<>());
            long first = onTuple.isEmpty() ? Long.MIN_VALUE : c.handshake().map(Handshake::syn)
                    .map(HandshakeSegment::frame).orElse(Long.MIN_VALUE);
            onTuple.add(new Span(first, tcpBuilders.get(c)));
        }
        Map<Ends, LadderBuilder> udpBuilders = new HashMap<>();
        for (UdpFlow f : udp) {
            udpBuilders.put(Ends.of(f.initiator(), f.responder()), new LadderBuilder(f.initiator(), OptionalLong.empty(),
                    headRows, tailRows));
        }

        try (PacketSource source = capture.open()) {
            while (true) {
                Optional<Frame> frame;
                try {
                    frame = source.next();
                } catch (TruncatedCaptureException e) {
                    break;   // the analysis reported it; draw what is complete
                }
                if (frame.isEmpty()) break;
                Optional<Packet> decoded = PacketDecoder.decode(frame.get());
                if (decoded.isEmpty()) continue;
                Packet p = decoded.get();
                LadderBuilder b = switch (p.transport()) {
                    case TcpSegment s -> owner(spans.get(Ends.of(p.source(), p.destination())), p.number());
                    case UdpDatagram d -> udpBuilders.get(Ends.of(p.source(), p.destination()));
                    default -> null;
                };
                if (b != null) b.accept(p);
            }
        }

        List<Ladder> ladders = new ArrayList<>();
        for (TcpConnection c : tcp) {
            LadderBuilder b = tcpBuilders.get(c);
            String title = "TCP connection " + c.number();
            ladders.add(b.build(title, "client", c.server(), "server", notes(c)));
            b.buildExcerpt(title, "client", c.server(), "server").ifPresent(ladders::add);
        }
        for (UdpFlow f : udp) {
            int number = analysis.udpFlows().indexOf(f) + 1;
            ladders.add(udpBuilders.get(Ends.of(f.initiator(), f.responder()))
                    .build("UDP flow " + number, "initiator", f.responder(), "responder", List.of(
                            "UDP: no handshake and no teardown, only datagrams",
                            "duration: " + millis(f.duration()) + " ms")));
        }
        return ladders;
    }

    private static LadderBuilder owner(List<Span> onTuple, long frame) {
        if (onTuple == null) return null;
        LadderBuilder owner = null;
        for (Span s : onTuple) {
            if (s.firstFrame() <= frame) owner = s.builder();
        }
        return owner;
    }

    private static List<String> notes(TcpConnection c) {
        String handshake = c.handshake()
                .map(h -> h.isComplete() ? "handshake: complete" : "handshake: INCOMPLETE: " + String.join("; ", h.problems()))
                .orElse("handshake: not captured (the capture starts after the SYN)");
        return List.of(handshake, "teardown: " + c.teardown().describe(), "duration: " + millis(c.duration()) + " ms");
    }

    static String millis(Duration d) {
        return Durations.millisText(d);
    }
}
