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

/** lab-app record as the capture service runs it, with files standing in for tcpdump's two FIFOs (its pcap, its messages). */
class RecordCommandTest {
    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(RecordCommandTest.class.getResource("/pcap/tcp-ethernet.pcap").toURI());
    }

    @Test
    void recordsTheCaptureIntoACompleteFileWithTheCapturesOwnDropCount() throws Exception {
        Path log = Files.writeString(dir.resolve("tcpdump.log"), "tcpdump: listening on eth0\n"
                + "tcpdump: 11 packets captured, 12 packets received by filter, 3 packets dropped by kernel\n");
        Path wire = dir.resolve("wire");
        CliRun r = CliRun.of("record", "--point", "server", "--dir", wire.toString(), "--pcap", fixture().toString(), "--log", log.toString());
        assertEquals(0, r.exit(), r.err().toString());
        List<WireRing.Point> points = WireRing.points(wire);
        assertEquals(1, points.size());
        assertTrue(points.getFirst().files().getFirst().toString().endsWith("Z.pcapng"), "complete: its final name");
        long[] frames = new long[1];
        WireRing.Read read = WireRing.read(points.getFirst(), Instant.MIN, Instant.MAX, f -> frames[0]++);
        assertEquals(11, frames[0]);
        CaptureStatistics last = read.statistics().getLast();
        assertEquals(3L, last.dropped());
        assertEquals(12L, last.received());
        assertTrue(r.err().contains("tcpdump: listening on eth0"), "tcpdump's messages are passed on: " + r.err());
        assertTrue(r.err().stream().anyMatch(l -> l.startsWith("recorded 11 frames at server")), r.err().toString());
    }

    @Test
    void boundsOutOfRangeAreOneLineAndExit2() throws Exception {
        CliRun r = CliRun.of("record", "--point", "server", "--dir", dir.toString(), "--pcap", fixture().toString(), "--snap", "10");
        assertEquals(2, r.exit());
        assertTrue(r.errLine().contains("snap 10"), r.errLine());
    }

    @Test
    void aStreamThatIsNotACaptureIsOneLineAndExit1() throws Exception {
        Path text = Files.writeString(dir.resolve("not.pcap"), "not a capture at all\n");
        Path wire = dir.resolve("wire");
        CliRun r = CliRun.of("record", "--point", "server", "--dir", wire.toString(), "--pcap", text.toString());
        assertEquals(1, r.exit());
        assertTrue(r.errLine().contains("is not a capture"), r.errLine());
        assertTrue(!Files.exists(wire), "nothing recorded");
    }
}
