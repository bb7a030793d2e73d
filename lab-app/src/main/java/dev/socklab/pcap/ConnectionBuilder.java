package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Collects the segments of one TCP connection while the capture streams by, then freezes into a {@link TcpConnection}. */
final class ConnectionBuilder {
    private final int number;
    private final Endpoint client;
    private final Endpoint server;
    private final SequenceTracker fromClient = new SequenceTracker();
    private final SequenceTracker fromServer = new SequenceTracker();
    private final TcpExpert expert = new TcpExpert();
    /** The latest SYN before the SYN-ACK: the one it answers when the SYN was sent again. */
    private Instant lastSyn;
    private Instant firstSeen;
    private Instant lastSeen;
    private Observed syn;
    private Observed synAck;
    private Observed ack;

    /** A segment kept as captured; relative numbers are computed at the end, once both ISNs are known. */
    private record Observed(long frame, Instant time, Side from, TcpSegment segment, int ttl) {
    }

    /** Starts a connection at its first captured packet, deciding which end is the client. */
    ConnectionBuilder(int number, Packet first, TcpSegment tcp) {
        this.number = number;
        Endpoint src = first.source();
        Endpoint dst = first.destination();
        boolean senderIsClient;
        if (tcp.flags().syn()) {
            // SYN comes from the client; a SYN-ACK (SYN lost or before the capture) goes to it.
            senderIsClient = !tcp.flags().ack();
        } else {
            // Joined mid-stream: the client is normally the end with the ephemeral (higher) port.
            senderIsClient = src.port() >= dst.port();
        }
        this.client = senderIsClient ? src : dst;
        this.server = senderIsClient ? dst : src;
    }

    /**
     * True when a SYN from {@code from} with sequence number {@code seq} opens a new connection on
     * this 4-tuple rather than belonging to this one (a retransmitted SYN has the same ISN).
     */
    boolean isReplacedBy(Endpoint from, long seq) {
        if (syn == null) return true;
        if (isFinished()) return true;
        return from.equals(client) && seq != syn.segment().seq();
    }

    private boolean isFinished() {
        return fromClient.firstRst() != null || fromServer.firstRst() != null
                || (fromClient.sawFin() && fromServer.sawFin());
    }

    void accept(Packet p, TcpSegment tcp) {
        Side side = p.source().equals(client) ? Side.CLIENT : Side.SERVER;
        if (firstSeen == null) firstSeen = p.time();
        lastSeen = p.time();
        (side == Side.CLIENT ? fromClient : fromServer).accept(p.number(), p.time(), tcp, p.frameLength());
        expert.accept(side, p.time(), tcp);

        TcpFlags f = tcp.flags();
        if (side == Side.CLIENT && f.syn() && !f.ack() && synAck == null) lastSyn = p.time();
        Observed seen = new Observed(p.number(), p.time(), side, tcp, p.ip().ttl());
        if (side == Side.CLIENT && f.syn() && !f.ack() && syn == null) {
            syn = seen;
        } else if (side == Side.SERVER && f.syn() && f.ack() && synAck == null && syn != null) {
            synAck = seen;
        } else if (side == Side.CLIENT && !f.syn() && f.ack() && !f.rst() && synAck != null && ack == null) {
            // The handshake's ACK may already carry data; it is the client's first segment after the SYN-ACK.
            ack = seen;
        }
    }

    TcpConnection build() {
        Optional<Handshake> handshake = Optional.ofNullable(syn)
                .map(s -> new Handshake(segment(s), Optional.ofNullable(synAck).map(this::segment),
                        Optional.ofNullable(ack).map(this::segment)));
        Teardown teardown = new Teardown(Optional.ofNullable(fromClient.firstFin()),
                Optional.ofNullable(fromServer.firstFin()), Optional.ofNullable(fromClient.firstRst()),
                Optional.ofNullable(fromServer.firstRst()));
        Optional<HandshakeRtt> rtt = synAck == null || ack == null || lastSyn == null ? Optional.empty()
                : Optional.of(new HandshakeRtt(Duration.between(lastSyn, synAck.time()),
                        Duration.between(synAck.time(), ack.time())));
        return new TcpConnection(number, client, server, handshake, fromClient.stats(expert.counts(Side.CLIENT)),
                fromServer.stats(expert.counts(Side.SERVER)), teardown, firstSeen, lastSeen, rtt);
    }

    private HandshakeSegment segment(Observed o) {
        SequenceTracker sender = o.from() == Side.CLIENT ? fromClient : fromServer;
        SequenceTracker receiver = o.from() == Side.CLIENT ? fromServer : fromClient;
        TcpSegment s = o.segment();
        long relativeAck = s.flags().ack() ? receiver.relative(s.ack()) : 0;
        return new HandshakeSegment(o.frame(), o.time(), o.from(), s.seq(), s.ack(), s.flags(),
                sender.relative(s.seq()), relativeAck, o.ttl());
    }
}
