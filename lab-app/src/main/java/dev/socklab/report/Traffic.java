package dev.socklab.report;

/** What one column of a ladder sent: packets and payload bytes (retransmissions counted again, as on the wire). */
public record Traffic(long packets, long bytes) {
}
