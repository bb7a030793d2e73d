package dev.socklab.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatagramTest {

    @Test
    void chunkRoundTrip() throws Exception {
        byte[] data = "chunk data".getBytes(StandardCharsets.UTF_8);
        byte[] wire = Datagram.chunk(0xCAFEBABE, 7, 10, data).encode();
        assertEquals(Datagram.HEADER_SIZE + data.length, wire.length);
        assertArrayEquals("SLU1".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(wire, 4));
        // Big-endian fields at the documented offsets.
        ByteBuffer b = ByteBuffer.wrap(wire);
        assertEquals(0xCAFEBABE, b.getInt(4));
        assertEquals(7, b.getInt(8));
        assertEquals(10, b.getInt(12));
        Datagram d = Datagram.decode(wire);
        assertEquals(0xCAFEBABE, d.transferId());
        assertEquals(7, d.sequence());
        assertEquals(10, d.total());
        assertArrayEquals(data, d.data());
    }

    @Test
    void endRoundTripCarriesTheDigest() throws Exception {
        byte[] sha = new byte[32];
        sha[0] = (byte) 0xab;
        Datagram d = Datagram.decode(Datagram.end(1, 0, sha).encode());
        assertTrue(d.isEnd());
        assertEquals(0, d.total());
        assertTrue(d.sha256Hex().startsWith("ab00"));
    }

    @Test
    void decodesFromAnOffset() throws Exception {
        byte[] wire = Datagram.chunk(5, 0, 1, new byte[] {1, 2, 3}).encode();
        byte[] buf = new byte[wire.length + 10];
        System.arraycopy(wire, 0, buf, 4, wire.length);
        assertArrayEquals(new byte[] {1, 2, 3}, Datagram.decode(buf, 4, wire.length).data());
    }

    @Test
    void rejectsGarbageWithItsOwnExceptionOnly() {
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(new byte[0]));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(null));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode("SLU1short".getBytes()));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode("hello world, not ours".getBytes()));
        // Sequence outside 0..total-1, negative total, END without a digest.
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(header(1, 5, 5)));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(header(1, 0, -3)));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(header(1, -1, 5)));
        assertThrows(Datagram.FormatException.class, () -> Datagram.decode(new byte[4], 2, 4));
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            if (r.nextBoolean() && junk.length >= 4) System.arraycopy(Datagram.MAGIC, 0, junk, 0, 4);
            try {
                Datagram.decode(junk);
            } catch (Datagram.FormatException expected) {
                // the only acceptable failure
            }
        }
    }

    private static byte[] header(int id, int seq, int total) {
        return ByteBuffer.allocate(16).put(Datagram.MAGIC).putInt(id).putInt(seq).putInt(total).array();
    }
}
