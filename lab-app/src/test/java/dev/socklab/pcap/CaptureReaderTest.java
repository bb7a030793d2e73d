package dev.socklab.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class CaptureReaderTest {

    static final Fixtures.Exchange[] EXCHANGES = Fixtures.EXCHANGES;

    @ParameterizedTest
    @FieldSource("EXCHANGES")
    void readsEveryFrameWithLinkTypeAndTimestamp(Fixtures.Exchange x) throws IOException {
        List<Frame> frames = readAll(CaptureReader.open(x.path()));
        assertEquals(Fixtures.FRAMES, frames.size());
        assertEquals(x.linkType(), frames.getFirst().linkType());
        assertEquals(x.firstTime(), frames.getFirst().time());
        assertEquals(1, frames.getFirst().number());
        assertEquals(Fixtures.FRAMES, frames.getLast().number());
    }

    @Test
    void nanosecondCaptureKeepsAllNineDigits() throws IOException {
        Frame first = readAll(CaptureReader.open(Fixtures.NANO.path())).getFirst();
        assertEquals(360_462_705, first.time().getNano());
    }

    @Test
    void snapLengthCutsTheFrameButTheWireLengthIsKept() throws IOException {
        // Frame 4 carries the 1000-byte segment: 14 Ethernet + 20 IP + 32 TCP + 1000 on the wire, 128 in the file.
        Frame data = readAll(CaptureReader.open(Fixtures.ETHERNET.path())).get(3);
        assertEquals(128, data.capturedLength());
        assertEquals(1066, data.originalLength());
        assertTrue(data.isTruncated());
    }

    @Test
    void bigEndianFileReadsTheSameFrames() throws IOException {
        for (Fixtures.Exchange x : List.of(Fixtures.ETHERNET, Fixtures.NANO)) {
            byte[] swapped = new PcapRewriter(Fixtures.bytes(x.file())).bigEndian();
            assertEquals((byte) 0xA1, swapped[0], "big-endian magic starts with a1");
            List<Frame> expected = readAll(CaptureReader.open(x.path()));
            List<Frame> actual = readAll(CaptureReader.open(new ByteArrayInputStream(swapped), "swapped"));
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).time(), actual.get(i).time());
                assertEquals(expected.get(i).originalLength(), actual.get(i).originalLength());
                assertArrayEquals(expected.get(i).data(), actual.get(i).data());
            }
        }
    }

    @Test
    void notAPcapIsACleanError() {
        byte[] text = "<?xml version=\"1.0\"?>\n<project/>\n".getBytes(StandardCharsets.US_ASCII);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> open(text, "pom.xml"));
        assertEquals("pom.xml is not a pcap capture (its first bytes are 3c 3f 78 6d)", e.getMessage());
        assertEquals(0, e.framesRead());
    }

    @Test
    void emptyFileIsACleanError() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> open(new byte[0], "empty.pcap"));
        assertEquals("empty.pcap is not a pcap capture: the file is empty", e.getMessage());
    }

    @Test
    void pcapngIsRecognisedByItsMagic() {
        // A section header cut after its byte-order magic: the pcapng reader, not "not a pcap", answers.
        byte[] ng = {0x0A, 0x0D, 0x0D, 0x0A, 0x1C, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A};
        TruncatedCaptureException e = assertThrows(TruncatedCaptureException.class, () -> open(ng, "x.pcapng"));
        assertEquals("x.pcapng is truncated: the file ends inside the section header (after 0 complete packets)",
                e.getMessage());
    }

    @Test
    void unsupportedLinkTypeIsNamed() {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 105);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> open(pcap, "wifi.pcap"));
        assertTrue(e.getMessage().startsWith("wifi.pcap: unsupported link type 105"), e.getMessage());
    }

    @Test
    void fileCutInsideTheFileHeaderIsTruncated() {
        byte[] cut = prefix(Fixtures.bytes(Fixtures.ETHERNET.file()), 10);
        TruncatedCaptureException e = assertThrows(TruncatedCaptureException.class, () -> open(cut, "cut.pcap"));
        assertEquals(0, e.framesRead());
    }

    @Test
    void fileCutInsideAFrameKeepsTheFramesBefore() throws IOException {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int sixth = new PcapRewriter(pcap).recordOffset(6);
        for (int cut : new int[] {sixth + 3, sixth + 16 + 20}) {
            PacketSource source = open(prefix(pcap, cut), "cut.pcap");
            for (int i = 1; i <= 5; i++) assertEquals(i, source.next().orElseThrow().number());
            TruncatedCaptureException e = assertThrows(TruncatedCaptureException.class, source::next);
            assertEquals(5, e.framesRead());
            assertEquals(sixth, e.offset());
            assertTrue(e.getMessage().contains("packet 6") && e.getMessage().contains("after 5 complete packets"),
                    e.getMessage());
        }
    }

    @Test
    void fileCutAtARecordBoundaryIsSimplyShorter() throws IOException {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int sixth = new PcapRewriter(pcap).recordOffset(6);
        assertEquals(5, readAll(open(prefix(pcap, sixth), "five.pcap")).size());
    }

    @Test
    void absurdCapturedLengthIsCorruptionNotAnAllocation() throws IOException {
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int third = new PcapRewriter(pcap).recordOffset(3);
        ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).putInt(third + 8, 0x7FFF_FFF0);
        PacketSource source = open(pcap, "corrupt.pcap");
        source.next();
        source.next();
        CaptureFormatException e = assertThrows(CaptureFormatException.class, source::next);
        assertFalse(e instanceof TruncatedCaptureException);
        assertEquals(2, e.framesRead());
        assertTrue(e.getMessage().startsWith("corrupt.pcap is corrupt: packet 3 claims 2147483632 captured bytes"),
                e.getMessage());
    }

    @Test
    void everyPrefixOfACaptureEitherReadsOrFailsCleanly() {
        byte[] pcap = Fixtures.bytes(Fixtures.IPV6.file());
        for (int cut = 0; cut < pcap.length; cut++) {
            byte[] part = prefix(pcap, cut);
            try {
                TcpAnalysis.of(open(part, "cut.pcap"));
            } catch (CaptureFormatException expected) {
                // the only acceptable failure
            } catch (Exception e) {
                throw new AssertionError("cut at " + cut + " threw " + e, e);
            }
        }
    }

    @Test
    void randomlyDamagedPacketsNeverCrashTheDecoder() {
        byte[] original = Fixtures.bytes(Fixtures.RST);
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] damaged = original.clone();
            // Keep the file header so the damage reaches the record and protocol decoders.
            for (int i = 0; i < 4; i++) damaged[24 + random.nextInt(damaged.length - 24)] = (byte) random.nextInt(256);
            try {
                TcpAnalysis.of(open(damaged, "damaged.pcap"));
            } catch (CaptureFormatException expected) {
                // damaged record headers are reported, not thrown as anything else
            } catch (Exception e) {
                throw new AssertionError("round " + round + " threw " + e, e);
            }
        }
    }

    @Test
    void streamsACaptureLargerThanItKeepsInMemory() throws IOException {
        // 200,000 frames (about 20 MB) generated on the fly: the reader must never need the whole input.
        byte[] pcap = Fixtures.bytes(Fixtures.ETHERNET.file());
        int repeats = 200_000 / Fixtures.FRAMES;
        InputStream endless = new RepeatingCapture(pcap, repeats);
        TcpAnalysis a = TcpAnalysis.of(CaptureReader.open(endless, "big.pcap"));
        assertEquals((long) repeats * Fixtures.FRAMES, a.frames());
        // Every repeat is the same 4-tuple: a SYN after a closed connection starts a new one.
        assertEquals(repeats, a.connections().size());
        assertEquals(1000, a.connections().getLast().payloadBytesClientToServer());
    }

    /** A capture of {@code repeats} copies of a fixture's frames, produced on demand. */
    private static final class RepeatingCapture extends InputStream {
        private final byte[] pcap;
        private final long total;
        private long position;

        RepeatingCapture(byte[] pcap, int repeats) {
            this.pcap = pcap;
            this.total = 24 + (long) repeats * (pcap.length - 24);
        }

        @Override
        public int read() {
            if (position >= total) return -1;
            int at = position < 24 ? (int) position : 24 + (int) ((position - 24) % (pcap.length - 24));
            position++;
            return pcap[at] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= total) return -1;
            int n = 0;
            while (n < len && position < total) {
                b[off + n++] = (byte) read();
            }
            return n;
        }
    }

    static PacketSource open(byte[] pcap, String name) throws IOException {
        return CaptureReader.open(new ByteArrayInputStream(pcap), name);
    }

    static List<Frame> readAll(PacketSource source) throws IOException {
        try (source) {
            List<Frame> frames = new ArrayList<>();
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) frames.add(f.get());
            return frames;
        }
    }

    private static byte[] prefix(byte[] b, int length) {
        return Arrays.copyOf(b, length);
    }
}
