package dev.socklab.pcap;

import static dev.socklab.pcap.CaptureReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's lifelong recording: bounded per flow and per point, its own drops kept, read back by window. */
class WireRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    /** The fixture's frames (a whole TCP exchange with a 1000-byte upload) moved to start at {@code start}. */
    private static List<Frame> exchange(String fixture, Instant start) throws IOException {
        List<Frame> frames = readAll(CaptureReader.open(Fixtures.path(fixture)));
        Instant first = frames.getFirst().time();
        List<Frame> moved = new ArrayList<>();
        for (Frame f : frames) {
            moved.add(new Frame(f.number(), start.plus(Duration.between(first, f.time())), f.linkType(), f.originalLength(), f.data()));
        }
        return moved;
    }

    private static int payload(Frame f) {
        return PacketDecoder.decode(f).map(p -> p.transport() instanceof TcpSegment t ? t.payloadLength() : 0).orElse(0);
    }

    private static List<Frame> recorded(Path dir) throws IOException {
        List<Frame> all = new ArrayList<>();
        for (WireRing.Point p : WireRing.points(dir)) WireRing.read(p, Instant.MIN, Instant.MAX, all::add);
        return all;
    }

    @Test
    void aFlowsLongFramesPastItsWholeBytesKeepTheirHeadersAndTheirSizeOnTheWire() throws IOException {
        List<Frame> once = exchange(Fixtures.ETHERNET.file(), T0);
        Frame cut = once.stream().filter(f -> payload(f) == 1000).findFirst().orElseThrow();
        // the fixture keeps 128 bytes of it: the whole frame again, its payload zeros
        Frame upload = new Frame(cut.number(), cut.time(), cut.linkType(), cut.originalLength(),
                java.util.Arrays.copyOf(cut.data(), cut.originalLength()));
        List<Frame> ipv6 = new ArrayList<>();
        for (Frame f : exchange(Fixtures.IPV6.file(), T0.plusSeconds(1))) {
            ipv6.add(new Frame(f.number(), f.time(), f.linkType(), f.originalLength(), java.util.Arrays.copyOf(f.data(), f.originalLength())));
        }
        try (WireRecorder r = new WireRecorder(dir, "server", LinkType.ETHERNET, new WireRecorder.Bounds(1000, 160, 1 << 20, 4))) {
            for (int i = 0; i < 3; i++) {
                r.packet(new Frame(i, T0.plusMillis(i), upload.linkType(), upload.originalLength(), upload.data()));
            }
            // another flow (IPv6) starts whole again
            for (Frame f : ipv6) r.packet(f);
            assertEquals(2, r.snapped());
        }
        List<Frame> back = recorded(dir);
        assertEquals(upload.data().length, back.get(0).data().length, "the flow's first long frame is whole");
        assertEquals(160, back.get(1).data().length, "past the flow's 1000 bytes: its headers only");
        assertEquals(160, back.get(2).data().length);
        for (int i = 0; i < 3; i++) {
            assertEquals(upload.originalLength(), back.get(i).originalLength(), "the size on the wire stays");
            assertEquals(1000, payload(back.get(i)), "the payload length comes from the IP header, cut or not");
        }
        assertTrue(back.subList(3, back.size()).stream().noneMatch(Frame::isTruncated), "the IPv6 flow is whole");
        assertEquals("server", back.getFirst().interfaceName());
    }

    @Test
    void filesRotateAtTheirSizeAndOnlyTheNewestAreKeptTheOneBeingWrittenEndsInPart() throws IOException {
        WireRecorder.Bounds bounds = new WireRecorder.Bounds(0, 64, 4096, 3);
        List<Frame> sent = new ArrayList<>();
        try (WireRecorder r = new WireRecorder(dir, "client", LinkType.ETHERNET, bounds)) {
            for (int i = 0; i < 40; i++) {
                for (Frame f : exchange(Fixtures.ETHERNET.file(), T0.plusSeconds(i))) {
                    r.packet(f);
                    sent.add(f);
                }
            }
            r.flush();
            List<Path> files = WireRing.points(dir).getFirst().files();
            assertEquals(3, files.size(), files.toString());
            assertEquals(1, files.stream().filter(f -> f.toString().endsWith(".part")).count(), files.toString());
            assertTrue(files.getLast().toString().endsWith(".pcapng.part"), "the newest is the one being written");
            // what a reader sees while it records: the newest frame is there already
            List<Frame> live = recorded(dir);
            assertEquals(sent.getLast().time(), live.getLast().time());
        }
        List<Path> files = WireRing.points(dir).getFirst().files();
        assertTrue(files.stream().noneMatch(f -> f.toString().endsWith(".part")), "closed: every file has its final name");
        long total = 0;
        for (Path f : files) total += Files.size(f);
        assertTrue(total <= 3 * (4096 + 2048), "the cap: " + total + " bytes in " + files.size() + " files");
        List<Frame> kept = recorded(dir);
        assertTrue(kept.size() < sent.size(), "the oldest files were deleted");
        assertEquals(sent.getLast().time(), kept.getLast().time(), "the newest frames are kept");
        for (int i = 1; i < kept.size(); i++) assertFalse(kept.get(i).time().isBefore(kept.get(i - 1).time()), "in time order");
    }

    @Test
    void theCapturesOwnDropsAreKeptInTheFileAndCountedPerWindow() throws IOException {
        try (WireRecorder r = new WireRecorder(dir, "server", LinkType.ETHERNET, WireRecorder.Bounds.DEFAULT)) {
            r.statistics(T0.plusSeconds(1), 10, 0);
            for (Frame f : exchange(Fixtures.ETHERNET.file(), T0.plusSeconds(2))) r.packet(f);
            r.statistics(T0.plusSeconds(3), 40, 5);
            r.statistics(T0.plusSeconds(5), 90, 12);
        }
        WireRing.Read read = WireRing.read(WireRing.points(dir).getFirst(), Instant.MIN, Instant.MAX, f -> { });
        assertEquals(WireRecorder.Bounds.DEFAULT.describe(), read.bounds().orElseThrow());
        assertEquals(5L, read.droppedBetween(T0.plusSeconds(1), T0.plusSeconds(3)), "5 since the count at 1 s");
        assertEquals(7L, read.droppedBetween(T0.plusSeconds(4), T0.plusSeconds(6)));
        assertEquals(12L, read.droppedBetween(T0, T0.plusSeconds(6)), "before any count: from 0");
        assertNull(read.droppedBetween(T0, T0.plusMillis(500)), "no count in the window: not known");
        CaptureStatistics last = read.statistics().getLast();
        assertEquals(90L, last.received());
        assertTrue(last.comment().contains("not by the network"), last.comment());
        assertEquals("server", last.point());
    }

    @Test
    void aRunsWindowIsCutIntoAClassicPcapPerPointAndTheRecordingReplaysInTimeOrder() throws IOException {
        try (WireRecorder client = new WireRecorder(dir, "client", LinkType.ETHERNET, WireRecorder.Bounds.DEFAULT);
             WireRecorder server = new WireRecorder(dir, "server", LinkType.ETHERNET, WireRecorder.Bounds.DEFAULT)) {
            for (int run = 0; run < 3; run++) {
                Instant at = T0.plusSeconds(10L * run);
                for (Frame f : exchange(Fixtures.ETHERNET.file(), at)) client.packet(f);
                for (Frame f : exchange(Fixtures.ETHERNET.file(), at.plusNanos(50_000))) server.packet(f);
                client.statistics(at.plusSeconds(5), 11L * (run + 1), run);
                server.statistics(at.plusSeconds(5), 11L * (run + 1), 0);
            }
        }
        Path run = Files.createDirectory(dir.resolve("run"));
        List<WireRing.Cut> cuts = WireRing.cut(dir, T0.plusSeconds(9), T0.plusSeconds(16), run, "20261202T080009Z");
        assertEquals(List.of("client", "server"), cuts.stream().map(WireRing.Cut::point).toList());
        for (WireRing.Cut c : cuts) {
            assertEquals(Fixtures.FRAMES, c.frames());
            assertEquals(run.resolve(c.point() + "-20261202T080009Z.pcap"), c.file());
            List<Frame> frames = readAll(CaptureReader.open(c.file()));
            assertEquals(Fixtures.FRAMES, frames.size());
            assertTrue(frames.stream().allMatch(f -> !f.time().isBefore(T0.plusSeconds(10)) && f.time().isBefore(T0.plusSeconds(11))));
        }
        assertEquals(1L, cuts.get(0).dropped(), "the client's capture counted 1 more drop in the window");
        assertEquals(0L, cuts.get(1).dropped());
        try (var left = Files.list(run)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }

        List<Frame> replayed = new ArrayList<>();
        Map<String, WireRing.Read> reads = WireRing.replay(dir, T0.plusSeconds(15), replayed::add);
        assertEquals(2 * Fixtures.FRAMES, replayed.size(), "the last run only: after 15 s");
        for (int i = 1; i < replayed.size(); i++) assertFalse(replayed.get(i).time().isBefore(replayed.get(i - 1).time()));
        assertEquals("client", replayed.getFirst().interfaceName());
        assertEquals(3, reads.get("client").statistics().stream().filter(s -> s.dropped() != null).count());
    }

    @Test
    void pcapWriterRoundTripsNanosecondsAndLinkType() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, LinkType.ETHERNET);
        List<Frame> frames = exchange(Fixtures.ETHERNET.file(), T0.plusNanos(123_456_789));
        for (Frame f : frames) w.packet(f.time(), f.originalLength(), f.data());
        w.flush();
        List<Frame> back = readAll(CaptureReaderTest.open(out.toByteArray(), "written.pcap"));
        assertEquals(frames.size(), back.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(frames.get(i).time(), back.get(i).time());
            assertEquals(LinkType.ETHERNET, back.get(i).linkType());
            assertEquals(frames.get(i).originalLength(), back.get(i).originalLength());
        }
    }

    @Test
    void boundsOutOfRangeAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WireRecorder.Bounds(0, 10, 1 << 20, 8));
        assertTrue(e.getMessage().contains("snap 10"), e.getMessage());
        assertEquals("each flow's first 64 KiB whole, then 160 bytes a frame; files of 16 MiB, the newest 8 kept (128 MiB a point)",
                WireRecorder.Bounds.DEFAULT.describe());
        assertEquals("client", WireRing.pointOf("client-20261202T083000.123Z.pcapng.part"));
        assertEquals("", WireRing.pointOf("client-20261202T083000Z.pcap"));
    }
}
