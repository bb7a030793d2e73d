package dev.socklab.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers of the pipelined transfers ({@link BufferRing}): at most {@link #PIPELINES} sets of
 * {@link #PER_PIPELINE} buffers of {@link Defaults#BUFFER_SIZE}, made on first use and then reused for the life of
 * the process. Direct, so that file and socket channels read and write them in place (a heap array goes through the
 * JDK's temporary direct buffer: one more copy of every byte per read and per write). Fixed, because direct memory is
 * freed only when the GC happens to collect its owner: buffers made per transfer would pile up outside the heap.
 */
final class PipelineBuffers {
    /** Pipelined transfers at once in one process; more go the single-thread way, so memory stays bounded. */
    static final int PIPELINES = 4;

    /** Buffers per pipeline: one being filled, one being hashed, spares for jitter. */
    static final int PER_PIPELINE = 4;

    private static final BlockingQueue<ByteBuffer[]> IDLE = new ArrayBlockingQueue<>(PIPELINES);
    private static final AtomicInteger MADE = new AtomicInteger();

    private PipelineBuffers() {}

    /** One pipeline's buffers, or null when every pipeline is in use. */
    static Lease take() {
        ByteBuffer[] set = IDLE.poll();
        if (set != null) return new Lease(set);
        for (int made = MADE.get(); made < PIPELINES; made = MADE.get()) {
            if (MADE.compareAndSet(made, made + 1)) {
                set = new ByteBuffer[PER_PIPELINE];
                for (int i = 0; i < set.length; i++) set[i] = ByteBuffer.allocateDirect(Defaults.BUFFER_SIZE);
                return new Lease(set);
            }
        }
        set = IDLE.poll();   // one may have come back meanwhile
        return set == null ? null : new Lease(set);
    }

    /** A pipeline's buffers; closing gives them back (only once nothing reads or writes them any more). */
    record Lease(ByteBuffer[] buffers) implements AutoCloseable {
        @Override
        public void close() {
            for (ByteBuffer b : buffers) b.clear();
            IDLE.add(buffers);
        }
    }
}
