package dev.socklab.pcap;

import static dev.socklab.pcap.CaptureReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging capture points into one pcapng (PcapngWriter + CaptureMerge) and reading the points apart again. */
class CaptureMergeTest {
    @TempDir
    Path dir;

    /** nat-client-side.pcap as "client" and nat-server-side.pcap as "server": one connection at both points. */
    private Path mergedNat() throws IOException {
        Path merged = dir.resolve("merged.pcapng");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureMerge.Result r = CaptureMerge.merge(List.of(
                new CaptureMerge.Input("client", Fixtures.path(Fixtures.NAT_CLIENT_SIDE)),
                new CaptureMerge.Input("server", Fixtures.path(Fixtures.NAT_SERVER_SIDE))),
                new PcapngWriter(bytes, "socklab test"));
        Files.write(merged, bytes.toByteArray());
        // tshark counts 16 and 20 frames in the two files (ARP makes them differ)
        assertEquals(Map.of("client", 16L, "server", 20L), r.framesByPoint());
        assertEquals(List.of("client", "server"), List.copyOf(r.framesByPoint().keySet()));
        assertEquals(List.of(), r.truncated());
        return merged;
    }

    @Test
    void everyFrameOfEachPointIsKeptWithItsTimeBytesAndInterfaceInTimeOrder() throws IOException {
        List<Frame> merged = readAll(CaptureReader.open(mergedNat()));
        assertEquals(36, merged.size());
        for (int i = 1; i < merged.size(); i++) {
            assertTrue(!merged.get(i).time().isBefore(merged.get(i - 1).time()), "frame " + (i + 1) + " is out of time order");
            assertEquals(i + 1, merged.get(i).number());
        }
        for (String[] point : new String[][] {{"client", Fixtures.NAT_CLIENT_SIDE}, {"server", Fixtures.NAT_SERVER_SIDE}}) {
            List<Frame> original = readAll(CaptureReader.open(Fixtures.path(point[1])));
            List<Frame> mine = merged.stream().filter(f -> f.interfaceName().equals(point[0])).toList();
            assertEquals(original.size(), mine.size(), point[0]);
            for (int i = 0; i < original.size(); i++) {
                assertEquals(original.get(i).time(), mine.get(i).time());
                assertEquals(original.get(i).linkType(), mine.get(i).linkType());
                assertEquals(original.get(i).originalLength(), mine.get(i).originalLength());
                assertArrayEquals(original.get(i).data(), mine.get(i).data());
            }
        }
    }

    @Test
    void eachPointAnalysesAsItsOwnCaptureDid() throws IOException {
        List<CapturePoint> points = CapturePoint.of(mergedNat());
        assertEquals(List.of("client", "server"), points.stream().map(CapturePoint::interfaceName).toList());
        assertEquals("merged.pcapng [client]", points.getFirst().label());
        for (int i = 0; i < 2; i++) {
            TcpAnalysis whole = TcpAnalysis.of(Fixtures.path(i == 0 ? Fixtures.NAT_CLIENT_SIDE : Fixtures.NAT_SERVER_SIDE));
            TcpAnalysis point = TcpAnalysis.upToTruncation(points.get(i));
            assertEquals(whole.frames(), point.frames());
            assertEquals(whole.connections().size(), point.connections().size());
            TcpConnection a = whole.connections().getFirst();
            TcpConnection b = point.connections().getFirst();
            assertEquals(a.client(), b.client());
            assertEquals(a.server(), b.server());
            assertEquals(a.payloadBytesClientToServer(), b.payloadBytesClientToServer());
            assertEquals(a.packets(), b.packets());
        }
        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.upToTruncation(points.get(0)), TcpAnalysis.upToTruncation(points.get(1)));
        assertEquals(1, pairing.pairs().size());
    }

    @Test
    void aPlainCaptureOrAOneInterfacePcapngIsOnePointTheWholeFile() throws IOException {
        assertEquals(List.of(CapturePoint.whole(Fixtures.path(Fixtures.NAT_CLIENT_SIDE))),
                CapturePoint.of(Fixtures.path(Fixtures.NAT_CLIENT_SIDE)));
        assertEquals(1, CapturePoint.of(Fixtures.path("tcp-ethernet.pcapng")).size());
        // mergecap's interfaces carry no if_name: one capture, read whole, as before
        assertEquals(1, CapturePoint.of(Fixtures.path(Fixtures.MERGED)).size());
    }

    @Test
    void filesOfOnePointShareItsInterfaceAndAnEmptyOneStillGetsItsLinkType() throws IOException {
        Path empty = dir.resolve("router.pcap");
        byte[] header = Arrays.copyOf(Fixtures.bytes("tcp-sll2.pcap"), 24);
        Files.write(empty, header);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureMerge.Result r = CaptureMerge.merge(List.of(
                new CaptureMerge.Input("client", Fixtures.path("tcp-ethernet.pcap")),
                new CaptureMerge.Input("router", empty),
                new CaptureMerge.Input("client", Fixtures.path("tcp-nano.pcap"))),
                new PcapngWriter(bytes, "socklab test"));
        assertEquals(Map.of("client", 2L * Fixtures.FRAMES, "router", 0L), r.framesByPoint());
        PcapngReader reader = (PcapngReader) CaptureReader.open(new java.io.ByteArrayInputStream(bytes.toByteArray()), "m");
        List<Frame> frames = readAll(reader);
        assertEquals(List.of("client", "router"), reader.interfaceNames());
        assertEquals(2 * Fixtures.FRAMES, frames.size());
        assertTrue(frames.stream().allMatch(f -> f.interfaceName().equals("client")));
    }

    @Test
    void aTruncatedInputGivesItsCompletePacketsAndIsNamed() throws IOException {
        Path cut = dir.resolve("cut.pcap");
        byte[] whole = Fixtures.bytes("tcp-ethernet.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
        CaptureMerge.Result r = CaptureMerge.merge(List.of(new CaptureMerge.Input("server", cut)),
                new PcapngWriter(new ByteArrayOutputStream(), "t"));
        assertEquals(Fixtures.FRAMES - 1, r.frames());
        assertEquals(1, r.truncated().size());
        assertTrue(r.truncated().getFirst().startsWith("cut.pcap is truncated"), r.truncated().getFirst());
    }

    @Test
    void pastTheBoundFramesKeepTheirHeadersOnlyAndEveryCountStaysRight() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CaptureMerge.Result r = CaptureMerge.merge(List.of(new CaptureMerge.Input("server", Fixtures.path("tcp-lossy.pcap"))),
                new PcapngWriter(bytes, "t"), new CaptureMerge.Bound(1280, 96));
        assertEquals(610, r.frames());
        Path merged = dir.resolve("bounded.pcapng");
        Files.write(merged, bytes.toByteArray());
        List<Frame> frames = readAll(CaptureReader.open(merged));
        List<Frame> original = readAll(CaptureReader.open(Fixtures.path("tcp-lossy.pcap")));
        long whole = 0;
        for (int i = 0; i < original.size(); i++) {
            int length = original.get(i).capturedLength();
            // whole until the first 1280 bytes are in, then at most 96
            assertEquals(whole < 1280 ? length : Math.min(length, 96), frames.get(i).capturedLength(), "frame " + (i + 1));
            if (whole < 1280) whole += length;
            assertEquals(original.get(i).originalLength(), frames.get(i).originalLength());
        }
        assertEquals(frames.stream().filter(f -> f.capturedLength() == 96).count(), r.snapped());
        ByteArrayOutputStream unbounded = new ByteArrayOutputStream();
        CaptureMerge.merge(List.of(new CaptureMerge.Input("server", Fixtures.path("tcp-lossy.pcap"))), new PcapngWriter(unbounded, "t"));
        // the fixture holds 128 bytes of each frame already: each frame cut to 96 is 32 bytes smaller
        assertTrue(Files.size(merged) <= unbounded.size() - 28 * r.snapped(), Files.size(merged) + " vs " + unbounded.size());
        assertTrue(r.snapped() > 300, "the data segments: " + r.snapped());
        TcpConnection uncut = TcpAnalysis.of(Fixtures.path("tcp-lossy.pcap")).connections().getFirst();
        TcpConnection cut = TcpAnalysis.of(merged).connections().getFirst();
        assertEquals(uncut.payloadBytesClientToServer(), cut.payloadBytesClientToServer());
        assertEquals(uncut.retransmissions(), cut.retransmissions());
        assertEquals(uncut.fromClient().frameBytes(), cut.fromClient().frameBytes());
    }

    @Test
    void nanosecondTimestampsAndStatisticsRoundTrip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(bytes, "t");
        int id = w.addInterface("server", LinkType.RAW);
        Instant t = Instant.parse("2026-12-02T05:00:00.123456789Z");
        w.packet(id, t, 1500, new byte[] {0x45, 0, 0, 20, 0});
        w.statistics(id, t, 1L, 0L, "tcpdump: 0 packets dropped by the capture itself");
        List<Frame> frames = readAll(CaptureReader.open(new java.io.ByteArrayInputStream(bytes.toByteArray()), "m"));
        assertEquals(1, frames.size());
        assertEquals(t, frames.getFirst().time());
        assertEquals(1500, frames.getFirst().originalLength());
        assertEquals(5, frames.getFirst().capturedLength());
        assertEquals("server", frames.getFirst().interfaceName());
        assertThrows(IllegalArgumentException.class, () -> w.packet(1, t, 1, new byte[1]));
    }
}
