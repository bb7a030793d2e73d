package dev.socklab.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    private final Optional<TruncatedCaptureException> truncation;
    private final Malformations malformations;

    private TcpAnalysis(String source, long frames, long ipPackets, List<TcpConnection> connections,
                        List<UdpFlow> udpFlows, Optional<TruncatedCaptureException> truncation,
                        Malformations malformations) {
        this.truncation = truncation;
        this.malformations = malformations;
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

    /**
     * Like {@link #of(Path)}, but a capture that ends mid-packet (tcpdump killed before it flushed)
     * is analysed up to its last complete packet; {@link #truncation()} then says so.
     */
    public static TcpAnalysis upToTruncation(Path capture) throws IOException {
        return upToTruncation(CapturePoint.whole(capture));
    }

    /** One capture point (a whole file, or one interface of a merged pcapng), up to a truncation as above. */
    public static TcpAnalysis upToTruncation(CapturePoint capture) throws IOException {
        try (PacketSource source = capture.open()) {
            return analyse(source, true);
        }
    }

    /** Analyses every frame of an open source (which the caller closes). */
    public static TcpAnalysis of(PacketSource source) throws IOException {
        return analyse(source, false);
    }

    private static TcpAnalysis analyse(PacketSource source, boolean tolerateTruncation) throws IOException {
        ConversationTracker tracker = new ConversationTracker();
        Malformations malformations = new Malformations();
        long ipPackets = 0;
        Optional<TruncatedCaptureException> truncation = Optional.empty();
        while (true) {
            Optional<Frame> frame;
            try {
                frame = source.next();
            } catch (TruncatedCaptureException e) {
                if (!tolerateTruncation) throw e;
                truncation = Optional.of(e);
                break;
            }
            if (frame.isEmpty()) break;
            PacketDecoder.Result decoded = PacketDecoder.examine(frame.get());
            if (!decoded.malformations().isEmpty()) malformations.add(frame.get().number(), decoded.malformations());
            Optional<Packet> packet = decoded.packet();
            if (packet.isPresent()) {
                ipPackets++;
                tracker.accept(packet.get());
            }
        }
        return new TcpAnalysis(source.name(), source.framesRead(), ipPackets, tracker.connections(),
                tracker.udpFlows(), truncation, malformations);
    }

    /** Set when the capture ended mid-packet and was analysed only up to there ({@link #upToTruncation}). */
    public Optional<TruncatedCaptureException> truncation() {
        return truncation;
    }

    /**
     * Packets whose header lengths cannot be right (malformed) or run past their frame (truncated), as
     * Wireshark's expert info flags them; {@link Malformation.Kind#counted()} says which still count in
     * their connection or flow.
     */
    public Malformations malformations() {
        return malformations;
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
