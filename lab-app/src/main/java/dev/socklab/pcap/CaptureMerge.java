package dev.socklab.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the captures of several capture points into one pcapng: one interface per point (if_name: the point's
 * name), frames in time order (mergecap's order: the earliest head first; on a tie, the point given first).
 * Files of the same point (a rotated capture) share its interface. A file that ends inside a packet (its tcpdump
 * was killed) contributes its complete packets and is named in the result.
 */
public final class CaptureMerge {

    private CaptureMerge() {
    }

    /**
     * How much of each frame the merged file keeps: each point's frames whole until they hold {@code fullBytes}
     * (bytes, not frames: the kernel hands tcpdump segments of up to 64 KiB), later ones cut to {@code snapLength}
     * bytes (headers only: sizes come from the IP header, so every count stays right), which keeps the merged file
     * of a bulk transfer a small fraction of its pcaps' size.
     */
    public record Bound(long fullBytes, int snapLength) {
        public static final Bound NONE = new Bound(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** One file of a capture point. */
    public record Input(String point, Path file) {
    }

    /** What was merged: frames per point in the order the points were given, the files cut short, frames snapped. */
    public record Result(Map<String, Long> framesByPoint, List<String> truncated, long snapped) {
        public long frames() {
            return framesByPoint.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class Head {
        final PacketSource source;
        final int order;
        final int id;
        Frame frame;

        Head(PacketSource source, int order, int id) {
            this.source = source;
            this.order = order;
            this.id = id;
        }
    }

    /** Writes every frame of {@code inputs} to {@code out}: interfaces first, in the order the points appear. */
    public static Result merge(List<Input> inputs, PcapngWriter out) throws IOException {
        return merge(inputs, out, Bound.NONE);
    }

    /** As {@link #merge(List, PcapngWriter)}, each point's frames past the bound's first ones cut to its snap length. */
    public static Result merge(List<Input> inputs, PcapngWriter out, Bound bound) throws IOException {
        List<PacketSource> open = new ArrayList<>();
        try {
            Map<String, Integer> ids = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            List<String> truncated = new ArrayList<>();
            List<Head> heads = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                PacketSource s = CaptureReader.open(in.file());
                open.add(s);
                Frame first = next(s, truncated);
                Integer id = ids.get(in.point());
                if (id == null) {
                    id = out.addInterface(in.point(), linkType(s, first));
                    ids.put(in.point(), id);
                    counts.put(in.point(), 0L);
                }
                Head h = new Head(s, i, id);
                h.frame = first;
                heads.add(h);
            }
            List<String> points = new ArrayList<>(ids.keySet());
            PriorityQueue<Head> queue = new PriorityQueue<>(Comparator.<Head, java.time.Instant>comparing(h -> h.frame.time())
                    .thenComparingInt(h -> h.order));
            for (Head h : heads) {
                if (h.frame != null) queue.add(h);
            }
            long snapped = 0;
            long[] whole = new long[points.size()];
            while (!queue.isEmpty()) {
                Head h = queue.poll();
                Frame f = h.frame;
                counts.merge(points.get(h.id), 1L, Long::sum);
                byte[] data = f.data();
                if (whole[h.id] < bound.fullBytes()) {
                    whole[h.id] += data.length;
                } else if (data.length > bound.snapLength()) {
                    data = java.util.Arrays.copyOf(data, bound.snapLength());
                    snapped++;
                }
                out.packet(h.id, f.time(), f.originalLength(), data);
                h.frame = next(h.source, truncated);
                if (h.frame != null) queue.add(h);
            }
            out.flush();
            return new Result(counts, truncated, snapped);
        } finally {
            for (PacketSource s : open) s.close();
        }
    }

    /** The source's next frame, or null at its end (or where it is cut short, noted). */
    private static Frame next(PacketSource source, List<String> truncated) throws IOException {
        try {
            return source.next().orElse(null);
        } catch (TruncatedCaptureException e) {
            truncated.add(e.getMessage());
            return null;
        }
    }

    /** The file header's link type (classic pcap), else the first frame's; an empty pcapng's is not known: Ethernet. */
    private static LinkType linkType(PacketSource s, Frame first) {
        if (s instanceof ClassicPcapReader c) return c.linkType();
        return first != null ? first.linkType() : LinkType.ETHERNET;
    }
}
