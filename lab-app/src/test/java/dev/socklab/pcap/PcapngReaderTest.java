package dev.socklab.pcap;

import static dev.socklab.pcap.CaptureReaderTest.open;
import static dev.socklab.pcap.CaptureReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** pcapng as Wireshark writes it (fixtures converted by editcap and mergecap), and the variants it may also hold. */
class PcapngReaderTest {

    @Test
    void editcapPcapngReadsTheSameFramesAsThePcapItCameFrom() throws IOException {
        for (String name : List.of("tcp-ethernet", "tcp-nano")) {
            assertSameFrames(readAll(CaptureReader.open(Fixtures.path(name + ".pcap"))),
                    readAll(CaptureReader.open(Fixtures.path(name + ".pcapng"))));
        }
    }

    @Test
    void nanosecondResolutionOptionKeepsAllNineDigits() throws IOException {
        Frame first = readAll(CaptureReader.open(Fixtures.path("tcp-nano.pcapng"))).getFirst();
        assertEquals(Fixtures.NANO.firstTime(), first.time());
    }

    @Test
    void mergedCaptureHasTwoInterfacesWithTheirOwnLinkTypes() throws IOException {
        List<Frame> frames = readAll(CaptureReader.open(Fixtures.path(Fixtures.MERGED)));
        assertEquals(2 * Fixtures.FRAMES, frames.size());
        assertEquals(LinkType.ETHERNET, frames.getFirst().linkType());
        assertEquals(LinkType.LINUX_SLL2, frames.getLast().linkType());
        assertEquals(Fixtures.SLL2.firstTime(), frames.get(Fixtures.FRAMES).time());
        for (int i = 0; i < frames.size(); i++) assertEquals(i + 1, frames.get(i).number());

        TcpAnalysis a = TcpAnalysis.of(Fixtures.path(Fixtures.MERGED));
        assertEquals(2, a.connections().size());
        assertEquals(Fixtures.ETHERNET.client(), a.connections().get(0).client().toString());
        assertEquals(Fixtures.SLL2.client(), a.connections().get(1).client().toString());
        for (TcpConnection c : a.connections()) {
            assertTrue(c.hasCompleteHandshake());
            assertEquals(Fixtures.CLIENT_BYTES, c.payloadBytesClientToServer());
        }
    }

    @Test
    void bigEndianFileReadsTheSameFrames() throws IOException {
        List<Frame> expected = readAll(CaptureReader.open(Fixtures.NANO.path()));
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            PcapngBlocks w = new PcapngBlocks(order).section().interfaceDescription(1, 262144, 9, 0);
            for (Frame f : expected) w.enhancedPacket(0, nanos(f.time()), f.originalLength(), f.data());
            byte[] file = w.bytes();
            assertEquals(order == ByteOrder.BIG_ENDIAN ? 0x1A : 0x4D, file[8] & 0xFF, "byte-order magic as written");
            assertSameFrames(expected, readAll(open(file, "x.pcapng")));
        }
    }

    @Test
    void unknownBlocksAreSkippedAndSimplePacketsRead() throws IOException {
        List<Frame> frames = readAll(CaptureReader.open(Fixtures.ETHERNET.path()));
        PcapngBlocks w = new PcapngBlocks(ByteOrder.BIG_ENDIAN).section()
                .unknownBlock(0x0BAD, 13)                 // before any interface
                .interfaceDescription(1, 128, -1, 0)
                .unknownBlock(4, 40)                      // a name resolution block
                .enhancedPacket(0, 1_000_000, frames.get(0).originalLength(), frames.get(0).data())
                .unknownBlock(5, 24)                      // interface statistics
                .simplePacket(frames.get(3).originalLength(), Arrays.copyOf(frames.get(3).data(), 128));
        List<Frame> read = readAll(open(w.bytes(), "mixed.pcapng"));
        assertEquals(2, read.size());
        assertEquals(Instant.ofEpochSecond(1), read.get(0).time(), "microseconds when if_tsresol is absent");
        assertArrayEquals(frames.get(0).data(), read.get(0).data());
        assertEquals(2, read.get(1).number());
        assertEquals(1066, read.get(1).originalLength());
        assertEquals(128, read.get(1).capturedLength(), "a simple packet is cut at the interface's snap length");
    }

    @Test
    void binaryResolutionAndOffsetGiveTheRightInstant() throws IOException {
        byte[] data = readAll(CaptureReader.open(Fixtures.ETHERNET.path())).getFirst().data();
        // 2^-20 s units: 3.5 s = 3.5 * 2^20; plus a 1,000,000,000 s offset.
        byte[] file = new PcapngBlocks(ByteOrder.LITTLE_ENDIAN).section().interfaceDescription(1, 0, 0x80 | 20, 1_000_000_000L)
                .enhancedPacket(0, (long) (3.5 * (1 << 20)), data.length, data).bytes();
        assertEquals(Instant.ofEpochSecond(1_000_000_003L, 500_000_000), readAll(open(file, "bin.pcapng")).getFirst().time());
    }

    @Test
    void twoSectionsEachNumberTheirInterfacesFromZero() throws IOException {
        List<Frame> eth = readAll(CaptureReader.open(Fixtures.ETHERNET.path()));
        List<Frame> raw = readAll(CaptureReader.open(Fixtures.RAW.path()));
        byte[] file = concat(
                new PcapngBlocks(ByteOrder.LITTLE_ENDIAN).section().interfaceDescription(1, 0, 6, 0)
                        .enhancedPacket(0, 10, eth.get(0).originalLength(), eth.get(0).data()).bytes(),
                new PcapngBlocks(ByteOrder.BIG_ENDIAN).section().interfaceDescription(101, 0, 6, 0)
                        .enhancedPacket(0, 20, raw.get(0).originalLength(), raw.get(0).data()).bytes());
        List<Frame> read = readAll(open(file, "two.pcapng"));
        assertEquals(List.of(LinkType.ETHERNET, LinkType.RAW), read.stream().map(Frame::linkType).toList());
        assertEquals(List.of(1L, 2L), read.stream().map(Frame::number).toList());
    }

    @Test
    void packetsOnAnUndecodableInterfaceAreNumberedButSkipped() throws IOException {
        byte[] eth = readAll(CaptureReader.open(Fixtures.ETHERNET.path())).getFirst().data();
        byte[] file = new PcapngBlocks(ByteOrder.LITTLE_ENDIAN).section()
                .interfaceDescription(105, 0, 6, 0)       // 802.11: not decoded
                .interfaceDescription(1, 0, 6, 0)
                .enhancedPacket(0, 1, 10, new byte[10])
                .enhancedPacket(1, 2, eth.length, eth).bytes();
        PacketSource source = open(file, "wifi+eth.pcapng");
        Frame only = source.next().orElseThrow();
        assertEquals(2, only.number());
        assertTrue(source.next().isEmpty());
        assertEquals(2, source.framesRead());
    }

    @Test
    void onlyUndecodableInterfacesIsAClearError() throws IOException {
        byte[] file = new PcapngBlocks(ByteOrder.LITTLE_ENDIAN).section().interfaceDescription(105, 0, 6, 0)
                .enhancedPacket(0, 1, 10, new byte[10]).bytes();
        PacketSource source = open(file, "wifi.pcapng");
        CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
        assertEquals("wifi.pcapng: unsupported link type 105 (supported: Ethernet, Linux cooked v1/v2, raw IP, Token Ring)",
                e.getMessage());
    }

    @Test
    void fileCutInsideAPacketBlockKeepsTheFramesBefore() throws IOException {
        byte[] file = Fixtures.bytes("tcp-ethernet.pcapng");
        int sixth = blockOffsetOfPacket(file, 6);
        PacketSource source = open(Arrays.copyOf(file, sixth + 30), "cut.pcapng");
        for (int i = 1; i <= 5; i++) assertEquals(i, source.next().orElseThrow().number());
        TruncatedCaptureException e = assertThrows(TruncatedCaptureException.class, source::next);
        assertEquals(5, e.framesRead());
        assertEquals(sixth, e.offset());
        assertEquals("cut.pcapng is truncated: the file ends inside the packet block at offset " + sixth
                + " (after 5 complete packets)", e.getMessage());
        // Cut exactly between blocks: simply a shorter capture.
        assertEquals(5, readAll(open(Arrays.copyOf(file, sixth), "five.pcapng")).size());
    }

    @Test
    void mismatchedTrailingLengthIsCorruption() throws IOException {
        byte[] file = Fixtures.bytes("tcp-ethernet.pcapng");
        int third = blockOffsetOfPacket(file, 3);
        int length = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(third + 4);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(third + length - 4, length + 4);
        PacketSource source = open(file, "bad.pcapng");
        source.next();
        source.next();
        CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
        assertFalse(e instanceof TruncatedCaptureException);
        assertEquals(2, e.framesRead());
        assertTrue(e.getMessage().startsWith("bad.pcapng is corrupt: the block at offset " + third), e.getMessage());
    }

    @Test
    void absurdBlockLengthIsCorruptionNotAnAllocation() throws IOException {
        byte[] file = Fixtures.bytes("tcp-ethernet.pcapng");
        int third = blockOffsetOfPacket(file, 3);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(third + 4, 0x7FFF_FFF0);
        PacketSource source = open(file, "huge.pcapng");
        source.next();
        source.next();
        CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
        assertTrue(e.getMessage().contains("claims an impossible length of 2147483632 bytes"), e.getMessage());
    }

    @Test
    void wrongByteOrderMagicAndUnknownInterfaceAreNamed() throws IOException {
        byte[] file = Fixtures.bytes("tcp-ethernet.pcapng");
        byte[] badMagic = file.clone();
        badMagic[8] = 0x11;
        CaptureFormatException magic = assertThrows(CaptureFormatException.class, () -> open(badMagic, "m.pcapng"));
        assertTrue(magic.getMessage().contains("byte-order magic"), magic.getMessage());

        byte[] badInterface = file.clone();
        ByteBuffer.wrap(badInterface).order(ByteOrder.LITTLE_ENDIAN).putInt(blockOffsetOfPacket(file, 1) + 8, 7);
        CaptureFormatException id = assertThrows(CaptureFormatException.class, () -> open(badInterface, "i.pcapng").next());
        assertTrue(id.getMessage().contains("packet 1 names interface 7 but the section describes 1"), id.getMessage());
    }

    @Test
    void everyPrefixEitherReadsOrFailsCleanly() {
        byte[] file = Fixtures.bytes(Fixtures.MERGED);
        for (int cut = 0; cut < file.length; cut++) {
            try {
                TcpAnalysis.of(open(Arrays.copyOf(file, cut), "cut.pcapng"));
            } catch (CaptureFormatException expected) {
                // the only acceptable failure
            } catch (Exception e) {
                throw new AssertionError("cut at " + cut + " threw " + e, e);
            }
        }
    }

    @Test
    void randomlyDamagedBlocksNeverCrashOrHang() {
        byte[] original = Fixtures.bytes(Fixtures.MERGED);
        Random random = new Random(7);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = original.clone();
            for (int i = 0; i < 4; i++) damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            try {
                TcpAnalysis.of(open(damaged, "damaged.pcapng"));
            } catch (CaptureFormatException expected) {
                // reported, not thrown as anything else
            } catch (Exception e) {
                throw new AssertionError("round " + round + " threw " + e, e);
            }
            assertTrue(System.nanoTime() < deadline, "damaged captures must not slow the reader down");
        }
    }

    /** Offset of the enhanced packet block holding packet {@code number} (1-based) in a one-interface pcapng. */
    private static int blockOffsetOfPacket(byte[] file, int number) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int packets = 0;
        while (at < file.length) {
            if (b.getInt(at) == 6 && ++packets == number) return at;
            at += b.getInt(at + 4);
        }
        throw new IllegalArgumentException("no packet " + number);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Frame e = expected.get(i);
            Frame a = actual.get(i);
            assertEquals(e.number(), a.number());
            assertEquals(e.time(), a.time());
            assertEquals(e.linkType(), a.linkType());
            assertEquals(e.originalLength(), a.originalLength());
            assertArrayEquals(e.data(), a.data());
        }
    }
}
