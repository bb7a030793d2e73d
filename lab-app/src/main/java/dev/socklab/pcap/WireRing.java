package dev.socklab.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab's recording read back ({@link WireRecorder}'s files in one folder): its capture points, the frames of a
 * time window, and what each capture dropped itself. The file being written ({@code .part}) is read as far as it
 * is complete.
 */
public final class WireRing {
    private static final Pattern FILE = Pattern.compile("(.+)-(\\d{8}T\\d{6}\\.\\d{3}Z)\\.pcapng(\\.part)?");

    private WireRing() {
    }

    /** One capture point's files, oldest first. */
    public record Point(String name, List<Path> files) {
    }

    /** What a point's files held in a window: its frames went to the sink; its statistics, all of them, in order. */
    public record Read(long frames, List<CaptureStatistics> statistics, String truncated) {
        /**
         * What the capture dropped itself between {@code from} and {@code to}: its count at the last statistics up to
         * {@code to} less the count at the last up to {@code from}, or 0 if none (tcpdump counts from its start);
         * null if unknown.
         */
        public Long droppedBetween(Instant from, Instant to) {
            Long before = 0L;
            Long atEnd = null;
            for (CaptureStatistics s : statistics) {
                if (s.dropped() == null) continue;
                if (!s.time().isAfter(from)) before = s.dropped();
                if (!s.time().isAfter(to)) atEnd = s.dropped();
            }
            if (atEnd == null) return null;
            return atEnd >= before ? atEnd - before : atEnd;   // smaller: the capture restarted and counts from 0 again
        }

        /** The bounds the recording states in its files (their first statistics' comment), or empty. */
        public Optional<String> bounds() {
            return statistics.stream().map(CaptureStatistics::comment).filter(c -> c.startsWith(WireRecorder.BOUNDS_NOTE))
                    .map(c -> c.substring(WireRecorder.BOUNDS_NOTE.length())).findFirst();
        }
    }

    /** The point a recording's file belongs to ({@code client} of {@code client-20261202T083000.123Z.pcapng}), or "". */
    public static String pointOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? m.group(1) : "";
    }

    /** The points recorded in {@code dir}, along the path: the client's side first, the server's last. */
    public static List<Point> points(Path dir) {
        Map<String, List<Path>> byPoint = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return List.of();
        try (var files = Files.list(dir)) {
            files.sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(p -> {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches()) byPoint.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
            });
        } catch (IOException e) {
            return List.of();
        }
        List<Point> points = new ArrayList<>();
        byPoint.forEach((name, files) -> points.add(new Point(name, files)));
        points.sort(Comparator.comparingInt((Point p) -> p.name().equals("client") ? 0 : p.name().equals("server") ? 2 : 1)
                .thenComparing(Point::name));
        return points;
    }

    /**
     * Hands the point's frames timed within [from, to] to {@code sink}, in file order; files that ended before
     * {@code from} (the next one started earlier) are skipped, so from {@link Instant#MAX} reads only the newest
     * file's statistics. A file deleted meanwhile (rotated away) is skipped too.
     */
    public static Read read(Point point, Instant from, Instant to, Consumer<Frame> sink) {
        Chain chain = new Chain(point, 0, from.equals(Instant.MIN) ? from : from.minusNanos(1));
        long frames = 0;
        try {
            try {
                while (chain.advance()) {
                    if (chain.head.time().isAfter(to)) continue;
                    sink.accept(chain.head);
                    frames++;
                }
            } finally {
                chain.close();
            }
        } catch (IOException e) {
            chain.truncated = point.files().get(Math.min(chain.file, point.files().size() - 1)).getFileName() + ": " + e.getMessage();
        }
        return new Read(frames, chain.statistics, chain.truncated);
    }

    /** A point's frames cut for a run: where they went, how many, what the capture dropped meanwhile (null: not known). */
    public record Cut(String point, Path file, long frames, Long dropped, String truncated, Optional<String> bounds) {
    }

    /**
     * Writes each point's frames within [from, to] into {@code runDir} as {@code <point>-<stamp>.pcap} (classic pcap,
     * as tcpdump writes it), each under a temporary name first.
     */
    public static List<Cut> cut(Path dir, Instant from, Instant to, Path runDir, String stamp) throws IOException {
        List<Cut> cuts = new ArrayList<>();
        for (Point p : points(dir)) {
            Path target = runDir.resolve(p.name() + "-" + stamp + ".pcap");
            Path temp = runDir.resolve("." + target.getFileName() + ".part");
            PcapWriter[] writer = new PcapWriter[1];
            Read r;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                IOException[] failed = new IOException[1];
                r = read(p, from, to, f -> {
                    if (failed[0] != null) return;
                    try {
                        if (writer[0] == null) writer[0] = new PcapWriter(out, f.linkType());
                        writer[0].packet(f.time(), f.originalLength(), f.data());
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) throw failed[0];
                if (writer[0] == null) new PcapWriter(out, LinkType.ETHERNET);
            }
            moveIntoPlace(temp, target);
            cuts.add(new Cut(p.name(), target, r.frames(), r.droppedBetween(from, to), r.truncated(), r.bounds()));
        }
        return cuts;
    }

    /**
     * Every point's frames timed after {@code after}, merged in time order (on a tie, the point nearer the client
     * first); each frame names its point (its interfaceName). Returns each point's statistics, as {@link #read} does.
     */
    public static Map<String, Read> replay(Path dir, Instant after, Consumer<Frame> sink) throws IOException {
        List<Point> points = points(dir);
        List<Chain> chains = new ArrayList<>();
        try {
            java.util.PriorityQueue<Chain> queue = new java.util.PriorityQueue<>(Comparator.<Chain, Instant>comparing(c -> c.head.time())
                    .thenComparingInt(c -> c.order));
            for (int i = 0; i < points.size(); i++) {
                Chain c = new Chain(points.get(i), i, after);
                chains.add(c);
                if (c.advance()) queue.add(c);
            }
            while (!queue.isEmpty()) {
                Chain c = queue.poll();
                sink.accept(c.head);
                if (c.advance()) queue.add(c);
            }
        } finally {
            for (Chain c : chains) c.close();
        }
        Map<String, Read> reads = new LinkedHashMap<>();
        for (Chain c : chains) reads.put(c.point.name(), new Read(c.frames, c.statistics, c.truncated));
        return reads;
    }

    /** One point's files read one after another: its frames after a moment, one at a time. */
    private static final class Chain {
        final Point point;
        final int order;
        final Instant after;
        final List<CaptureStatistics> statistics = new ArrayList<>();
        int file = -1;
        PacketSource source;
        Frame head;
        long frames;
        String truncated;

        Chain(Point point, int order, Instant after) {
            this.point = point;
            this.order = order;
            this.after = after;
        }

        /** Moves to the next frame after the moment; false at the end of the point's last file. */
        boolean advance() throws IOException {
            while (true) {
                if (source == null && !open()) return false;
                Optional<Frame> f;
                try {
                    f = source.next();
                } catch (TruncatedCaptureException e) {
                    if (!point.files().get(file).getFileName().toString().endsWith(WireRecorder.PART)) truncated = e.getMessage();
                    f = Optional.empty();
                }
                if (f.isEmpty()) {
                    close();
                    continue;
                }
                if (!f.get().time().isAfter(after)) continue;
                head = f.get();
                frames++;
                return true;
            }
        }

        private boolean open() throws IOException {
            while (++file < point.files().size()) {
                if (file + 1 < point.files().size() && started(point.files().get(file + 1)).isBefore(after)) continue;
                try {
                    source = CaptureReader.open(point.files().get(file));
                    return true;
                } catch (java.nio.file.NoSuchFileException gone) {
                    // rotated away meanwhile
                }
            }
            return false;
        }

        void close() throws IOException {
            if (source == null) return;
            statistics.addAll(source.statistics());
            source.close();
            source = null;
        }
    }

    /** A complete file gets its final name in one step (atomically where the file system can). */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** When a recording's file began (its name says), or the epoch for a name that does not. */
    static Instant started(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) return Instant.EPOCH;
        try {
            return Instant.from(WireRecorder.STARTED.parse(m.group(2)));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
