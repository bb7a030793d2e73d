package dev.socklab.pcap;

import java.time.Instant;

/**
 * What a capture said about itself at a moment (a pcapng interface statistics block): the packets it received and
 * those its own buffer dropped (tcpdump's "dropped by kernel": the capture's loss, never the network's), counted
 * since it started; either may be unknown (null).
 *
 * @param point the interface's if_name ("" when unnamed)
 */
public record CaptureStatistics(String point, Instant time, Long received, Long dropped, String comment) {
}
