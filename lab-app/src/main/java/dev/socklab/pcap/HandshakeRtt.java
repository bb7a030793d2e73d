package dev.socklab.pcap;

import java.time.Duration;

/**
 * The three-way handshake's round trips as seen from the capture point. Captured beside the server,
 * {@code synToSynAck} is the server's own reaction time and {@code synAckToAck} the network round
 * trip to the client and back; beside the client it is the other way round. {@code total} is their
 * sum: one full round trip, what Wireshark calls the initial RTT ({@code tcp.analysis.initial_rtt}).
 *
 * @param synToSynAck from the (last) SYN to the SYN-ACK
 * @param synAckToAck from the SYN-ACK to the client's ACK
 */
public record HandshakeRtt(Duration synToSynAck, Duration synAckToAck) {

    public Duration total() {
        return synToSynAck.plus(synAckToAck);
    }
}
