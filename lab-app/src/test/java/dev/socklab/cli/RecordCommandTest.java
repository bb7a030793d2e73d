package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.CaptureStatistics;
import dev.socklab.pcap.WireRing;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lab-app record as the capture service runs it, with a stand-in for tcpdump: a pcap on stdout, counts on stderr. */
class RecordCommandTest {
    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(RecordCommandTest.class.getResource("/pcap/tcp-ethernet.pcap").toURI());
    }

    @Test
    void recordsTheStreamIntoACompleteFileWithTheCapturesOwnDropCount() throws Exception {
        String tcpdump = "cat '" + fixture() + "'; echo 'tcpdump: 11 packets captured, 12 packets received by filter,"
                + " 3 packets dropped by kernel' >&2; sleep 1";
        CliRun r = CliRun.of("record", "--point", "server", "--dir", dir.toString(), "--", "sh", "-c", tcpdump);
        assertEquals(0, r.exit(), r.err().toString());
        List<WireRing.Point> points = WireRing.points(dir);
        assertEquals(1, points.size());
        assertTrue(points.getFirst().files().getFirst().toString().endsWith("Z.pcapng"), "complete: its final name");
        long[] frames = new long[1];
        WireRing.Read read = WireRing.read(points.getFirst(), Instant.MIN, Instant.MAX, f -> frames[0]++);
        assertEquals(11, frames[0]);
        CaptureStatistics last = read.statistics().getLast();
        assertEquals(3L, last.dropped());
        assertEquals(12L, last.received());
        assertTrue(r.err().stream().anyMatch(l -> l.startsWith("recorded 11 frames at server")), r.err().toString());
    }

    @Test
    void boundsOutOfRangeAreOneLineAndExit2() {
        CliRun r = CliRun.of("record", "--point", "server", "--dir", dir.toString(), "--snap", "10", "--", "true");
        assertEquals(2, r.exit());
        assertTrue(r.errLine().contains("snap 10"), r.errLine());
    }

    @Test
    void aCommandThatGivesNoCaptureIsOneLineAndExit1() throws Exception {
        CliRun r = CliRun.of("record", "--point", "server", "--dir", dir.toString(), "--", "sh", "-c", "echo not a capture; echo oops >&2");
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("gave no capture"), r.errLine());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing recorded");
        }
    }
}
