package dev.socklab.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TCP connections (and UDP flows) in a capture, found in one streaming pass: memory grows with
 * the number of connections, not with the size of the file.
 */
public final class TcpAnalysis {
    private final String source;
    private final long frames;
    private final long ipPackets;
    private final List<TcpConnection> connections;
    private final List<UdpFlow> udpFlows;

    private TcpAnalysis(String source, long frames, long ipPackets, List<TcpConnection> connections,
                        List<UdpFlow> udpFlows) {
        this.source = source;
        this.frames = frames;
        this.ipPackets = ipPackets;
        this.connections = List.copyOf(connections);
        this.udpFlows = List.copyOf(udpFlows);
    }

    /**
     * Reads and analyses a capture file.
     *
     * @throws CaptureFormatException    when it is not a capture we can read (pcapng, another file type)
     * @throws TruncatedCaptureException when it ends inside a packet
     */
    public static TcpAnalysis of(Path capture) throws IOException {
        try (PacketSource source = CaptureReader.open(capture)) {
            return of(source);
        }
    }

    /** Analyses every frame of an open source (which the caller closes). */
    public static TcpAnalysis of(PacketSource source) throws IOException {
        Map<ConversationKey, ConnectionBuilder> current = new HashMap<>();
        List<ConnectionBuilder> tcp = new ArrayList<>();
        Map<ConversationKey, UdpFlowBuilder> udp = new LinkedHashMap<>();
        long ipPackets = 0;
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            Optional<Packet> decoded = PacketDecoder.decode(f.get());
            if (decoded.isEmpty()) continue;
            ipPackets++;
            Packet p = decoded.get();
            switch (p.transport()) {
                case TcpSegment s -> {
                    ConversationKey key = ConversationKey.of(p.source(), p.destination());
                    ConnectionBuilder c = current.get(key);
                    boolean opening = s.flags().syn() && !s.flags().ack();
                    if (c == null || (opening && c.isReplacedBy(p.source(), s.seq()))) {
                        c = new ConnectionBuilder(tcp.size() + 1, p, s);
                        current.put(key, c);
                        tcp.add(c);
                    }
                    c.accept(p, s);
                }
                case UdpDatagram d -> udp.computeIfAbsent(ConversationKey.of(p.source(), p.destination()),
                        k -> new UdpFlowBuilder(p)).accept(p, d);
                case Transport.Other o -> {
                }
            }
        }
        return new TcpAnalysis(source.name(), source.framesRead(), ipPackets,
                tcp.stream().map(ConnectionBuilder::build).toList(),
                udp.values().stream().map(UdpFlowBuilder::build).toList());
    }

    /** The name of the capture (file name). */
    public String source() {
        return source;
    }

    /** All frames in the capture, IP or not. */
    public long frames() {
        return frames;
    }

    /** Frames that carried IPv4 or IPv6. */
    public long ipPackets() {
        return ipPackets;
    }

    /** Every TCP connection, in order of first packet. */
    public List<TcpConnection> connections() {
        return connections;
    }

    /** The connections whose server listens on {@code port}. */
    public List<TcpConnection> connectionsTo(int port) {
        return connections.stream().filter(c -> c.server().port() == port).toList();
    }

    /** True when some connection to {@code port} completed its three-way handshake. */
    public boolean hasCompleteHandshakeTo(int port) {
        return connectionsTo(port).stream().anyMatch(TcpConnection::hasCompleteHandshake);
    }

    /** UDP flows (one per pair of endpoints), in order of first datagram. */
    public List<UdpFlow> udpFlows() {
        return udpFlows;
    }

    /** UDP datagrams over all flows. */
    public long udpDatagrams() {
        return udpFlows.stream().mapToLong(UdpFlow::datagrams).sum();
    }
}
