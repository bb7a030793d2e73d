package dev.socklab.pcap;

import java.time.Instant;

/**
 * One segment of the three-way handshake, with its numbers both absolute (as on the wire) and
 * relative to the initial sequence numbers (as Wireshark shows them by default).
 *
 * @param relativeSeq seq minus the sender's ISN (0 for SYN and SYN-ACK, 1 for the final ACK)
 * @param relativeAck ack minus the receiver's ISN (0 when the ACK flag is off, as on the first SYN)
 */
public record HandshakeSegment(long frame, Instant time, Side from, long seq, long ack, TcpFlags flags,
                               long relativeSeq, long relativeAck) {
}
