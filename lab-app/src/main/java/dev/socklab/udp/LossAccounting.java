package dev.socklab.udp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Counts what arrived of sequence numbers 0..total-1: received, lost, duplicated, out of order. */
public final class LossAccounting {

    /** What one arrival was. */
    public enum Arrival { NEW, DUPLICATE, OUT_OF_RANGE }

    private final int total;
    private final BitSet seen = new BitSet();
    private int received;
    private int duplicated;
    private int outOfOrder;
    private int highest = -1;

    public LossAccounting(int total) {
        if (total < 0) throw new IllegalArgumentException("total must be >= 0");
        this.total = total;
    }

    /**
     * Records one arrival. Out of order means: a new number lower than one already seen (it was overtaken), which is
     * how Wireshark and RFC 4737 count reordering too.
     */
    public Arrival record(int sequence) {
        if (sequence < 0 || sequence >= total) return Arrival.OUT_OF_RANGE;
        if (seen.get(sequence)) {
            duplicated++;
            return Arrival.DUPLICATE;
        }
        seen.set(sequence);
        received++;
        if (sequence < highest) outOfOrder++;
        else highest = sequence;
        return Arrival.NEW;
    }

    public int total() {
        return total;
    }

    /** Distinct sequence numbers received. */
    public int received() {
        return received;
    }

    public int duplicated() {
        return duplicated;
    }

    public int outOfOrder() {
        return outOfOrder;
    }

    public int lost() {
        return total - received;
    }

    public boolean complete() {
        return received == total;
    }

    /** The sequence numbers never received, ascending. */
    public List<Integer> lostSequences() {
        List<Integer> lost = new ArrayList<>(lost());
        for (int i = seen.nextClearBit(0); i < total; i = seen.nextClearBit(i + 1)) lost.add(i);
        return lost;
    }

    /** "17-19, 240": ascending numbers with runs collapsed; longer lists end with "... (N more)". */
    public static String ranges(List<Integer> sorted, int maxRanges) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (shown == maxRanges) {
                b.append(", ... (").append(sorted.size() - i).append(" more)");
                break;
            }
            if (shown > 0) b.append(", ");
            b.append(sorted.get(i));
            if (j > i) b.append('-').append(sorted.get(j));
            shown++;
            i = j + 1;
        }
        return b.toString();
    }

    public static String ranges(List<Integer> sorted) {
        return ranges(sorted, 20);
    }
}
