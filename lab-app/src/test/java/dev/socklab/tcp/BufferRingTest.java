package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BufferRingTest {

    @Test
    void theConsumerSeesEveryByteInOrder() throws IOException {
        byte[] data = new byte[3_000_000];
        new SplittableRandom(1).nextBytes(data);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        BufferRing.Sink sink = b -> {
            byte[] got = new byte[b.remaining()];
            b.get(got);
            seen.write(got);
        };
        try (BufferRing ring = new BufferRing(buffers(3, 4096), "test", sink)) {
            for (int off = 0; off < data.length; ) {
                ByteBuffer b = ring.next();
                int n = Math.min(b.capacity() - (off % 7), data.length - off);   // uneven fills
                b.put(data, off, n);
                ring.submit(b.flip());
                off += n;
            }
            ring.finish();
        }
        assertArrayEquals(data, seen.toByteArray());
    }

    @Test
    void aFailingConsumerStopsTheProducerWithItsException() {
        IOException diskFull = new IOException("No space left on device");
        BufferRing ring = new BufferRing(buffers(2, 16), "test", b -> {
            throw diskFull;
        });
        IOException thrown = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) ring.submit(ring.next().position(16).flip());   // a ring of 2 cannot absorb 100
            ring.finish();
        });
        assertSame(diskFull, thrown);
        ring.close();
    }

    private static ByteBuffer[] buffers(int count, int size) {
        ByteBuffer[] all = new ByteBuffer[count];
        for (int i = 0; i < count; i++) all[i] = ByteBuffer.allocateDirect(size);
        return all;
    }
    @Test
    void aVirtualThreadsTransferRunsOnAPlatformThreadAndItsFailureComesBack() throws Exception {
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread v = Thread.ofVirtual().start(() -> {
            try {
                boolean virtual = BufferRing.onPlatformThread("t", () -> Thread.currentThread().isVirtual());
                IOException e = assertThrows(IOException.class, () -> BufferRing.onPlatformThread("t", () -> {
                    throw new IOException("disk full");
                }));
                seen.set(virtual + " " + e.getMessage());
            } catch (Throwable t) {
                seen.set(t);
            }
        });
        v.join();
        assertEquals("false disk full", seen.get());
        // A platform thread's transfer runs where it is.
        Thread here = Thread.currentThread();
        assertSame(here, BufferRing.onPlatformThread("t", Thread::currentThread));
    }

    @Test
    void interruptingTheVirtualThreadInterruptsTheTransfer() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread v = Thread.ofVirtual().start(() -> {
            try {
                BufferRing.onPlatformThread("t", () -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                        return "slept";
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                });
                seen.set("no failure");
            } catch (IOException e) {
                seen.set(e.getMessage() + " " + Thread.currentThread().isInterrupted());
            }
        });
        started.await();
        v.interrupt();
        v.join(10_000);
        assertFalse(v.isAlive());
        assertEquals("interrupted true", seen.get());
    }
}
