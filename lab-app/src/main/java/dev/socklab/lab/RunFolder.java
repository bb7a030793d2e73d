package dev.socklab.lab;

import dev.socklab.pcap.CaptureMerge;
import dev.socklab.pcap.PcapngWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A run's folder under captures/: its UTC start time, the project when not the default, never reused. */
public record RunFolder(String id, Path dir) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The run's capture points merged into one pcapng, beside their pcaps. */
    public static final String MERGED = "merged.pcapng";
    /** The merged capture keeps each point's first MiB of frames whole, then headers only (bulk data): see docs/watch.md. */
    public static final dev.socklab.pcap.CaptureMerge.Bound MERGED_BOUND = new dev.socklab.pcap.CaptureMerge.Bound(1 << 20, 160);
    /** What lab-capture writes: {@code <point>-<UTC time>.pcap}. */
    private static final Pattern CAPTURE = Pattern.compile("(.+)-\\d{8}T\\d{6}Z\\.pcap");

    public static RunFolder create(Path root, String prefix, String project) {
        String base = prefix + ZonedDateTime.now(ZoneOffset.UTC).format(TIME) + ("socklab".equals(project) ? "" : "-" + project);
        for (int i = 1; ; i++) {
            String id = i == 1 ? base : base + "-" + i;
            Path dir = root.resolve("captures").resolve(id);
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);   // made by the user who runs the lab: its files are theirs to read and delete
                return new RunFolder(id, dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // labs started in the same second side by side: the next suffix
            } catch (IOException e) {
                throw new LabFailure("cannot make the run folder " + dir + ": " + e.getMessage());
            }
        }
    }

    /** The one file in the folder whose name starts with {@code prefix} and ends in .pcap, or null. */
    public Path pcap(String prefix) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".pcap"))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The capture points' pcaps (lab-capture's {@code <point>-<time>.pcap}), along the path: the client's side
     * first, the server's last, any other in between by name; a point's files in time order.
     */
    public List<CaptureMerge.Input> capturePoints() {
        List<CaptureMerge.Input> points = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = CAPTURE.matcher(f.getFileName().toString());
                if (m.matches()) points.add(new CaptureMerge.Input(m.group(1), f));
            });
        } catch (IOException e) {
            throw new LabFailure("cannot list the run folder " + dir + ": " + e.getMessage());
        }
        points.sort(Comparator.comparingInt((CaptureMerge.Input i) -> i.point().equals("client") ? 0 : i.point().equals("server") ? 2 : 1)
                .thenComparing(CaptureMerge.Input::point).thenComparing(i -> i.file().getFileName().toString()));
        return points;
    }

    /**
     * Writes {@link #MERGED}: every capture point of the run, one interface each, frames in time order. Written
     * under a temporary name and renamed, so the folder never holds half of it.
     */
    public Merged merge(java.util.Map<String, Long> captureDrops) {
        List<CaptureMerge.Input> points = capturePoints();
        if (points.isEmpty()) throw new LabFailure("no capture to merge in " + dir);
        Path target = dir.resolve(MERGED);
        Path temp = dir.resolve("." + MERGED + ".part");
        try {
            CaptureMerge.Result r;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                PcapngWriter writer = new PcapngWriter(out, "socklab");
                r = CaptureMerge.merge(points, writer, MERGED_BOUND);
                // What each capture lost itself (its kernel buffer overflowed), as pcapng statistics: never the network's loss.
                List<String> ids = new ArrayList<>(r.framesByPoint().keySet());
                for (int i = 0; i < ids.size(); i++) {
                    Long dropped = captureDrops.get(ids.get(i));
                    if (dropped == null) continue;
                    writer.statistics(i, java.time.Instant.now(), null, dropped, "tcpdump at " + ids.get(i) + ": " + dropped
                            + " packets dropped by the capture itself (its buffer), not by the network");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Merged(target, r, captureDrops);
        } catch (IOException e) {
            throw new LabFailure("cannot merge the captures into " + target + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing was left under the final name; a stray .part is harmless
            }
        }
    }

    /** The merged capture and what went into it. */
    public record Merged(Path file, CaptureMerge.Result result, java.util.Map<String, Long> captureDrops) {
        /** "client 14, server 14 frames; capture drops: none". */
        public String describe() {
            StringBuilder s = new StringBuilder();
            result.framesByPoint().forEach((p, n) -> s.append(s.isEmpty() ? "" : ", ").append(p).append(' ').append(n));
            s.append(" frames");
            if (result.snapped() > 0) {
                s.append(" (").append(result.snapped()).append(" past a point's first MiB kept to their first ")
                        .append(MERGED_BOUND.snapLength()).append(" bytes)");
            }
            long lost = captureDrops.values().stream().mapToLong(Long::longValue).sum();
            if (!captureDrops.isEmpty()) {
                s.append("; capture drops: ").append(lost == 0 ? "none" : captureDrops.entrySet().stream()
                        .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")
                        + " (lost by the capture itself, not by the network)");
            }
            return s.toString();
        }
    }
}
