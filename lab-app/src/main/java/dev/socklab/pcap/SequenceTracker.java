package dev.socklab.pcap;

import java.time.Instant;
import java.util.OptionalLong;

/** Accumulates what one side of a TCP connection sent, segment by segment. */
final class SequenceTracker {
    private static final long MOD = 1L << 32;
    /** Sequence numbers more than 2^31 ahead are "behind" in TCP's modular arithmetic: old or bogus. */
    private static final long HALF = 1L << 31;

    private long packets;
    private long payloadBytes;
    private long frameBytes;
    private boolean sawSyn;
    /** The ISN, or (no SYN captured) the first seq minus one, so "relative 1 = first byte" still holds. */
    private long base = -1;
    private long highestEnd;
    private boolean sawFin;
    private Instant firstFin;
    private Instant firstRst;
    private long firstDataPacket = -1;
    private long lastDataPacket = -1;
    private long firstFinPacket = -1;
    private long firstRstPacket = -1;
    private int largestSegment;

    /** {@code packet}: the segment's packet number in the capture. */
    void accept(long packet, Instant time, TcpSegment s, int frameLength) {
        packets++;
        frameBytes += frameLength;
        payloadBytes += s.payloadLength();
        if (s.payloadLength() > 0) {
            if (firstDataPacket < 0) firstDataPacket = packet;
            lastDataPacket = packet;
            largestSegment = Math.max(largestSegment, s.payloadLength());
        }
        if (s.flags().fin() && firstFinPacket < 0) firstFinPacket = packet;
        if (s.flags().rst() && firstRstPacket < 0) firstRstPacket = packet;
        if (s.flags().syn() && !sawSyn) {
            sawSyn = true;
            base = s.seq();
        } else if (base < 0 && !s.flags().rst()) {
            // A RST's seq says little (it may be 0 for a refused SYN), so it does not anchor the numbering.
            base = (s.seq() - 1) & (MOD - 1);
        }
        if (s.flags().fin()) {
            sawFin = true;
            if (firstFin == null) firstFin = time;
        }
        if (s.flags().rst() && firstRst == null) firstRst = time;
        // A RST takes no sequence space; only data, SYN and FIN move the end forward.
        if (base >= 0 && s.sequenceLength() > 0) {
            long relativeEnd = relative(s.seq()) + s.sequenceLength();
            if (relative(s.seq()) < HALF && relativeEnd > highestEnd) highestEnd = relativeEnd;
        }
    }

    /** {@code seq} relative to this side's ISN, as Wireshark's relative sequence numbers. */
    long relative(long seq) {
        return base < 0 ? seq : (seq - base) & (MOD - 1);
    }

    OptionalLong isn() {
        return sawSyn ? OptionalLong.of(base) : OptionalLong.empty();
    }

    boolean sawFin() {
        return sawFin;
    }

    DirectionStats stats(ExpertCounts expert) {
        // The highest end counts the SYN (or, without one, the inferred byte before the first seq) and the FIN.
        long sequenceBytes = base < 0 ? 0 : Math.max(0, highestEnd - 1 - (sawFin ? 1 : 0));
        return new DirectionStats(packets, payloadBytes, sequenceBytes, isn(), frameBytes, expert,
                new Landmarks(known(firstDataPacket), known(lastDataPacket), known(firstFinPacket), known(firstRstPacket),
                        largestSegment));
    }

    private static OptionalLong known(long packet) {
        return packet < 0 ? OptionalLong.empty() : OptionalLong.of(packet);
    }

    Instant firstFin() {
        return firstFin;
    }

    Instant firstRst() {
        return firstRst;
    }
}
