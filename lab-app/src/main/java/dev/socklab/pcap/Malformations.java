package dev.socklab.pcap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The malformed and truncated packets of a capture, counted by kind with the first frame of each as
 * an example, so a reader can look it up in Wireshark. Filled while the capture streams by.
 */
public final class Malformations {

    /**
     * One kind of fault.
     *
     * @param firstFrame the number of the first frame that had it
     * @param example    that frame's fault with its numbers
     */
    public record Tally(Malformation.Kind kind, long packets, long firstFrame, String example) {
    }

    private final Map<Malformation.Kind, Tally> tallies = new EnumMap<>(Malformation.Kind.class);
    private final Map<Malformation.Group, Long> packets = new EnumMap<>(Malformation.Group.class);

    void add(long frame, List<Malformation> found) {
        for (Malformation.Group g : Malformation.Group.values()) {
            if (found.stream().anyMatch(m -> m.kind().group() == g)) packets.merge(g, 1L, Long::sum);
        }
        for (Malformation m : found) {
            tallies.merge(m.kind(), new Tally(m.kind(), 1, frame, m.describe()),
                    (old, x) -> new Tally(old.kind(), old.packets() + 1, old.firstFrame(), old.example()));
        }
    }

    /** Packets with at least one fault of {@code group}. */
    public long packets(Malformation.Group group) {
        return packets.getOrDefault(group, 0L);
    }

    /** The kinds of fault of {@code group} seen, in a fixed order (IP before transport). */
    public List<Tally> tallies(Malformation.Group group) {
        List<Tally> out = new ArrayList<>();
        for (Tally t : tallies.values()) if (t.kind().group() == group) out.add(t);
        return out;
    }

    public boolean isEmpty() {
        return tallies.isEmpty();
    }
}
