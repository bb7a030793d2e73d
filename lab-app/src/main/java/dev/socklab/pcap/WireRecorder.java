package dev.socklab.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one capture point for a lab's whole life, bounded twice: each flow's first bytes stay whole (its
 * handshake, a greeting, the start of its data), its later long frames keep only their headers; and the point's
 * files rotate at a fixed size, the oldest deleted past a count. The file being written ends in {@code .part} and
 * loses it when it is complete (rotated or closed), so no partial file ever has a final name. What tcpdump says it
 * dropped itself goes into the file as interface statistics, never confused with the network's loss.
 */
public final class WireRecorder implements Closeable {
    /** A recording's file name: {@code <point>-<UTC start, ms>.pcapng}, so names sort in time order. */
    public static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    public static final String EXTENSION = ".pcapng";
    public static final String PART = ".part";
    /** The first statistics comment of every file states the bounds, so a reader (the watch page) can say them. */
    public static final String BOUNDS_NOTE = "recording: ";
    /** Flows remembered for their first bytes; the least recently seen is forgotten past this (and starts whole again). */
    private static final int FLOWS = 65_536;

    /**
     * Frames up to {@code snapLength} bytes are always whole; longer ones are whole until their flow's long frames
     * have held {@code wholePerFlow} bytes, then cut to {@code snapLength} (every header: sizes on the wire stay).
     * Files of {@code fileBytes}, at most {@code files} of them per point.
     */
    public record Bounds(long wholePerFlow, int snapLength, long fileBytes, int files) {
        public static final Bounds DEFAULT = new Bounds(64 << 10, 160, 16 << 20, 8);

        public Bounds {
            if (wholePerFlow < 0 || snapLength < 64 || fileBytes < 4096 || files < 2) {
                throw new IllegalArgumentException("recording bounds out of range: whole " + wholePerFlow + ", snap " + snapLength
                        + " (at least 64), file " + fileBytes + " bytes (at least 4096), files " + files + " (at least 2)");
            }
        }

        /** "each flow's first 64 KiB whole, then 160 bytes a frame; files of 16 MiB, the newest 8 kept (128 MiB a point)". */
        public String describe() {
            return "each flow's first " + size(wholePerFlow) + " whole, then " + snapLength + " bytes a frame; files of " + size(fileBytes)
                    + ", the newest " + files + " kept (" + size(fileBytes * files) + " a point)";
        }

        private static String size(long bytes) {
            if (bytes % (1 << 20) == 0) return bytes / (1 << 20) + " MiB";
            if (bytes % 1024 == 0) return bytes / 1024 + " KiB";
            return bytes + " bytes";
        }
    }

    private final Path dir;
    private final String point;
    private final LinkType linkType;
    private final Bounds bounds;
    private final Map<Object, long[]> flows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, long[]> eldest) {
            return size() > FLOWS;
        }
    };
    private OutputStream out;
    private PcapngWriter writer;
    private Path current;
    private long written;
    private long frames;
    private long snapped;
    private boolean closed;

    public WireRecorder(Path dir, String point, LinkType linkType, Bounds bounds) throws IOException {
        this.dir = dir;
        this.point = point;
        this.linkType = linkType;
        this.bounds = bounds;
        Files.createDirectories(dir);
    }

    /** Records one frame (a new file first when the current one is full). */
    public synchronized void packet(Frame f) throws IOException {
        if (closed) return;
        if (writer == null || written >= bounds.fileBytes()) rotate(f.time());
        byte[] data = f.data();
        if (data.length > bounds.snapLength()) {
            long[] seen = flows.computeIfAbsent(flow(f), k -> new long[1]);
            if (seen[0] >= bounds.wholePerFlow()) {
                data = Arrays.copyOf(data, bounds.snapLength());
                snapped++;
            } else {
                seen[0] += data.length;
            }
        }
        writer.packet(0, f.time(), f.originalLength(), data);
        written += 32 + ((data.length + 3) & ~3);
        frames++;
    }

    /** What the capture counted of itself since it started (tcpdump's received and dropped by kernel), at {@code time}. */
    public synchronized void statistics(Instant time, long received, long dropped) throws IOException {
        if (closed) return;
        if (writer == null) rotate(time);
        writer.statistics(0, time, received, dropped, "tcpdump at " + point + ": " + dropped
                + " packets dropped by the capture itself (its buffer), not by the network");
        writer.flush();
    }

    /** Makes everything recorded so far readable in the file (the caller does so when the wire goes quiet). */
    public synchronized void flush() throws IOException {
        if (writer != null && !closed) writer.flush();
    }

    public synchronized long frames() {
        return frames;
    }

    public synchronized long snapped() {
        return snapped;
    }

    /** Completes the current file: it gets its final name. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        finish();
    }

    private void rotate(Instant first) throws IOException {
        finish();
        current = dir.resolve(point + "-" + STARTED.format(first) + EXTENSION + PART);
        out = new BufferedOutputStream(Files.newOutputStream(current), 1 << 16);
        writer = new PcapngWriter(out, "socklab record");
        writer.addInterface(point, linkType);
        writer.statistics(0, first, null, null, BOUNDS_NOTE + bounds.describe());
        written = 0;
        prune();
    }

    private void finish() throws IOException {
        if (writer == null) return;
        out.close();
        Path done = dir.resolve(current.getFileName().toString().replace(PART, ""));
        WireRing.moveIntoPlace(current, done);
        writer = null;
        out = null;
    }

    /** Deletes this point's oldest complete files so that, with the one being written, at most {@code files} remain. */
    private void prune() throws IOException {
        List<Path> done;
        try (var files = Files.list(dir)) {
            done = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(point + "-") && n.endsWith(EXTENSION) && WireRing.pointOf(n).equals(point);
            }).sorted().toList();
        }
        for (int i = 0; i < done.size() - (bounds.files() - 1); i++) Files.deleteIfExists(done.get(i));
    }

    /** The frame's flow, both directions alike: its two endpoints and protocol; a frame we cannot decode is its own kind. */
    private static Object flow(Frame f) {
        return PacketDecoder.decode(f).<Object>map(p -> List.of(p.ip().protocol(), ConversationKey.of(p.source(), p.destination())))
                .orElse(Boolean.FALSE);
    }
}
