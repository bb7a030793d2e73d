package dev.socklab.pcap;

import java.time.Instant;

/**
 * One segment of the three-way handshake, with its numbers both absolute (as on the wire) and
 * relative to the initial sequence numbers (as Wireshark shows them by default).
 *
 * @param relativeSeq seq minus the sender's ISN (0 for SYN and SYN-ACK, 1 for the final ACK)
 * @param relativeAck ack minus the receiver's ISN (0 when the ACK flag is off, as on the first SYN)
 * @param ttl         the IP time to live (hop limit) it arrived with where it was captured
 */
public record HandshakeSegment(long frame, Instant time, Side from, long seq, long ack, TcpFlags flags,
                               long relativeSeq, long relativeAck, int ttl) {

    /** Start values operating systems use: 64 (Linux, macOS), 128 (Windows), 255 (network gear). */
    private static final int[] INITIAL_TTLS = {32, 64, 128, 255};

    /**
     * Routers passed between the sender and the capture point, assuming the sender started from the
     * nearest usual value at or above the TTL seen. Each router subtracts one, and so does a NAT
     * gateway (it routes); a switch or a bridge does not.
     */
    public int hops() {
        for (int initial : INITIAL_TTLS) {
            if (ttl <= initial) return initial - ttl;
        }
        return 0;
    }
}
