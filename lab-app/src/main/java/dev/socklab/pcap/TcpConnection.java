package dev.socklab.pcap;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One TCP connection found in a capture: who connected to whom, its handshake, the traffic each
 * way and how it ended.
 *
 * @param number       1-based, in order of the connection's first packet
 * @param client       the endpoint that sent the SYN (guessed, when the SYN was not captured, as the one
 *                     with the higher port: clients use ephemeral ports)
 * @param handshake    empty when the client's SYN was not captured
 * @param firstSeen    time of the first packet
 * @param lastSeen     time of the last packet
 * @param handshakeRtt the handshake's round trips, when SYN, SYN-ACK and ACK were all captured
 */
public record TcpConnection(int number, Endpoint client, Endpoint server, Optional<Handshake> handshake,
                            DirectionStats fromClient, DirectionStats fromServer, Teardown teardown,
                            Instant firstSeen, Instant lastSeen, Optional<HandshakeRtt> handshakeRtt) {

    public TcpConnection(int number, Endpoint client, Endpoint server, Optional<Handshake> handshake,
                         DirectionStats fromClient, DirectionStats fromServer, Teardown teardown,
                         Instant firstSeen, Instant lastSeen) {
        this(number, client, server, handshake, fromClient, fromServer, teardown, firstSeen, lastSeen, Optional.empty());
    }

    public DirectionStats from(Side side) {
        return side == Side.CLIENT ? fromClient : fromServer;
    }

    public boolean hasCompleteHandshake() {
        return handshake.map(Handshake::isComplete).orElse(false);
    }

    public long packetsClientToServer() {
        return fromClient.packets();
    }

    public long packetsServerToClient() {
        return fromServer.packets();
    }

    public long packets() {
        return fromClient.packets() + fromServer.packets();
    }

    public long payloadBytesClientToServer() {
        return fromClient.payloadBytes();
    }

    public long payloadBytesServerToClient() {
        return fromServer.payloadBytes();
    }

    public long sequenceBytesClientToServer() {
        return fromClient.sequenceBytes();
    }

    public long sequenceBytesServerToClient() {
        return fromServer.sequenceBytes();
    }

    /** Retransmissions both ways, as tshark counts {@code tcp.analysis.retransmission}. */
    public long retransmissions() {
        return fromClient.expert().retransmissions() + fromServer.expert().retransmissions();
    }

    /**
     * Segments this capture saw sent again, both ways: Wireshark's retransmissions plus its out-of-order segments.
     * Where the capture sits behind the loss (the receiver's side), a resent segment that fills its gap soon after
     * the segments beyond it is out-of-order to Wireshark, not a retransmission; on a path that never reorders,
     * as the lab's router, every out-of-order segment is such a resend.
     */
    public long segmentsSentAgain() {
        return retransmissions() + fromClient.expert().outOfOrder() + fromServer.expert().outOfOrder();
    }

    public Duration duration() {
        return Duration.between(firstSeen, lastSeen);
    }

    @Override
    public String toString() {
        return "TCP " + client + " → " + server;
    }
}
