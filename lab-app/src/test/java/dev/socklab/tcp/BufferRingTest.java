package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BufferRingTest {

    @Test
    void theConsumerSeesEveryByteInOrder() throws IOException {
        byte[] data = new byte[3_000_000];
        new SplittableRandom(1).nextBytes(data);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (BufferRing ring = new BufferRing(3, 4096, "test", (b, n) -> seen.write(b, 0, n))) {
            for (int off = 0; off < data.length; ) {
                byte[] b = ring.next();
                int n = Math.min(b.length - (off % 7), data.length - off);   // uneven fills
                System.arraycopy(data, off, b, 0, n);
                ring.submit(b, n);
                off += n;
            }
            ring.finish();
        }
        assertArrayEquals(data, seen.toByteArray());
    }

    @Test
    void aFailingConsumerStopsTheProducerWithItsException() {
        IOException diskFull = new IOException("No space left on device");
        BufferRing ring = new BufferRing(2, 16, "test", (b, n) -> {
            throw diskFull;
        });
        IOException thrown = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) ring.submit(ring.next(), 16);   // a ring of 2 cannot absorb 100
            ring.finish();
        });
        assertSame(diskFull, thrown);
        ring.close();
    }
}
