package dev.socklab.pcap;

import java.util.OptionalLong;

/**
 * The traffic one side of a TCP connection sent.
 *
 * @param payloadBytes  TCP data bytes summed over every segment: retransmissions count again
 * @param sequenceBytes data bytes by sequence space (highest sequence end − ISN − 1, minus the FIN),
 *                      so retransmissions count once; 0 when the sender's ISN is unknown
 * @param isn           the initial sequence number from this side's SYN, if it was captured
 */
public record DirectionStats(long packets, long payloadBytes, long sequenceBytes, OptionalLong isn) {
}
