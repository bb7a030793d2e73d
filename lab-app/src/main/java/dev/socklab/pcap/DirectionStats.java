package dev.socklab.pcap;

import java.util.OptionalLong;

/**
 * The traffic one side of a TCP connection sent.
 *
 * @param payloadBytes  TCP data bytes summed over every segment: retransmissions count again
 * @param sequenceBytes data bytes by sequence space (highest sequence end − ISN − 1, minus the FIN),
 *                      so retransmissions count once; 0 when the sender's ISN is unknown
 * @param isn           the initial sequence number from this side's SYN, if it was captured
 * @param frameBytes    whole frames on the wire, link-layer headers included: what tshark's
 *                      {@code -z conv,tcp} counts as bytes
 * @param expert        retransmissions, duplicate ACKs, zero windows... as Wireshark counts them
 * @param landmarks     packet numbers of this side's first and last data, first FIN and first RST
 */
public record DirectionStats(long packets, long payloadBytes, long sequenceBytes, OptionalLong isn, long frameBytes,
                             ExpertCounts expert, Landmarks landmarks) {

    public DirectionStats(long packets, long payloadBytes, long sequenceBytes, OptionalLong isn) {
        this(packets, payloadBytes, sequenceBytes, isn, 0, ExpertCounts.NONE, Landmarks.NONE);
    }
}
