package dev.socklab.report;

import java.time.Duration;

/**
 * The middle of a long conversation, left out of the picture but counted, so the diagram stays readable.
 *
 * @param fromLeft  folded packets sent by the left column (client or initiator)
 * @param fromRight folded packets sent by the right column
 * @param bytes     payload bytes in the folded packets
 * @param retransmissions folded segments that Wireshark's analysis calls retransmissions (of any kind)
 * @param first     time of the first folded packet, since the conversation started
 * @param last      time of the last folded packet
 */
public record Fold(long fromLeft, long fromRight, long bytes, long retransmissions, Duration first, Duration last) {

    public long packets() {
        return fromLeft + fromRight;
    }
}
