package dev.socklab.lab;

import dev.socklab.pcap.CaptureStatistics;
import dev.socklab.pcap.WireRecorder;
import dev.socklab.pcap.WireRing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running lab's recording: its capture services run lab-app record for the lab's whole life (LAB_WIRE, set by
 * ./lab up), bounded, into the {@code wire} folder of the run that started the lab. A run (up's, each send's)
 * takes its part of it: its window's frames cut into its own folder, and what each capture dropped meanwhile.
 */
public final class Recording {
    static final String FOLDER = "wire";
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Recording() {
    }

    /** The recording's folder as the capture services see it (the bind mount's /captures). */
    static String inContainer(RunFolder started) {
        return "/captures/" + started.id() + "/" + FOLDER;
    }

    /** The running lab's recording on this host; null if it records none (or runs no capture service). */
    public static Path of(Lab lab) {
        String capture = lab.containers().containerOf("capture");
        Path dir = capture == null ? null : of(lab, capture);
        return exists(dir) ? dir : null;
    }

    /** The running lab's recording on this host, from its capture service's WIRE_DIR; null if it records none. */
    static Path of(Lab lab, String captureContainer) {
        return lab.capturesFolderOf(captureContainer, "WIRE_DIR");
    }

    /**
     * Asks each capture for its counts (SIGUSR1: tcpdump prints them and the recorder writes them into its file) and
     * waits until the recording holds them: then every frame captured before the request is in the files too.
     * Returns when the last of them was taken: a run's window ends (or begins) there.
     */
    static Instant settle(Compose compose, List<String> captures, Path dir) {
        Instant asked = Instant.now();
        for (String c : captures) {
            Exec.Result r = Docker.exec(compose.require(c), Duration.ofSeconds(30), "pkill", "-USR1", "-x", "tcpdump");
            if (!r.ok()) throw new LabFailure("the " + c + " is not recording (no tcpdump to ask for its counts): " + r.why());
        }
        Instant deadline = asked.plus(SETTLE);
        while (true) {
            List<WireRing.Point> points = WireRing.points(dir);
            List<Instant> told = points.stream().map(p -> toldSince(p, asked)).filter(java.util.Objects::nonNull).toList();
            if (points.size() >= captures.size() && told.size() == points.size()) return told.stream().max(Instant::compareTo).orElseThrow();
            if (Instant.now().isAfter(deadline)) {
                throw new LabFailure("the lab's recording in " + dir + " did not take its captures' counts within "
                        + SETTLE.toSeconds() + " s (see docker logs of " + String.join(", ", captures) + ")");
            }
            Up.sleep(Duration.ofMillis(50));   // a run's end only: nothing waits like this while the lab is idle
        }
    }

    /** When the point's newest file took counts at or after {@code since} (they go to the file being written), or null. */
    private static Instant toldSince(WireRing.Point p, Instant since) {
        WireRing.Read r = WireRing.read(p, Instant.MAX, Instant.MAX, f -> { });
        return r.statistics().stream().filter(s -> s.dropped() != null && !s.time().isBefore(since))
                .map(CaptureStatistics::time).findFirst().orElse(null);
    }

    /**
     * Cuts the window [from, to] of every point into the run's folder ({@code <point>-<time>.pcap}, as lab-capture
     * names a run's pcap), says what each gave, and returns what each capture dropped itself meanwhile, by point.
     */
    static Map<String, Long> cut(Path dir, Instant from, Instant to, RunFolder run, PrintWriter out) {
        List<WireRing.Cut> cuts;
        try {
            cuts = WireRing.cut(dir, from, to, run.dir(), STAMP.format(from));
        } catch (IOException e) {
            throw new LabFailure("cannot cut the run's part of the recording " + dir + " into " + run.dir() + ": " + e.getMessage());
        }
        Map<String, Long> drops = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (WireRing.Cut c : cuts) {
            if (c.dropped() != null) drops.put(c.point(), c.dropped());
            lines.add(c.point() + ": " + c.frames() + " frames, " + (c.dropped() == null ? "drops not known"
                    : c.dropped() + " dropped by the capture itself") + (c.truncated() == null ? "" : " (" + c.truncated() + ")"));
        }
        String bounds = cuts.stream().flatMap(c -> c.bounds().stream()).findFirst().orElse(WireRecorder.Bounds.DEFAULT.describe());
        lines.add("from the lab's recording, " + run.dir().getParent().relativize(dir) + "/ (" + bounds + ")");
        Up.section(out, "capture (recorded for the lab's life)", String.join("\n", lines));
        return drops;
    }

    static boolean exists(Path dir) {
        return dir != null && Files.isDirectory(dir);
    }
}
