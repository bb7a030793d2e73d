package dev.socklab.tcp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Two threads over one stream of bytes: the caller fills buffers (socket or file reads) and a second thread
 * consumes them (SHA-256), so neither waits for the other's work. A few fixed buffers (given, see
 * {@link PipelineBuffers}) circulate between the two, which bounds memory whatever the length of the stream.
 * The consumer sees the buffers in the order they were submitted.
 */
final class BufferRing implements AutoCloseable {

    /** Work that moves bytes with blocking calls. */
    interface Transfer<T> {
        T run() throws IOException;
    }

    /**
     * Runs a big transfer's filling loop on a platform thread when called from a virtual one (the server's
     * connections and the bench's clients are virtual threads). A virtual thread's blocking socket call parks it
     * and hands the wait to the JDK's poller thread whenever the socket is not ready, and a file write blocks its
     * carrier: a stream of a gigabyte does that thousands of times (docs/performance.md, the container path).
     * At most {@link PipelineBuffers}' few pipelines run at once, so these threads stay few.
     */
    static <T> T onPlatformThread(String name, Transfer<T> work) throws IOException {
        if (!Thread.currentThread().isVirtual()) return work.run();
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread t = Thread.ofPlatform().name(name).daemon(true).start(task);
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // Passed on: the transfer's channel calls are interruptible, so the loop ends with the channel closed.
                t.interrupt();
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (task.state() == Future.State.SUCCESS) return task.resultNow();
        throw rethrow(task.exceptionNow());
    }

    /** What the second thread does with each filled buffer: its bytes from position to limit; it must not keep it. */
    interface Sink {
        void accept(ByteBuffer buf) throws IOException;
    }

    /** Marks the end of the stream in the filled queue. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> filled;
    private final Thread consumer;
    private volatile Throwable failure;
    private boolean ended;

    BufferRing(ByteBuffer[] buffers, String name, Sink sink) {
        free = new ArrayBlockingQueue<>(buffers.length + 1);
        filled = new ArrayBlockingQueue<>(buffers.length + 1);
        for (ByteBuffer b : buffers) free.add(b);
        // A platform thread: the work is CPU-bound and must run beside the I/O thread, on another core.
        consumer = Thread.ofPlatform().name(name).daemon(true).start(() -> consume(sink));
    }

    private void consume(Sink sink) {
        try {
            while (true) {
                ByteBuffer b = filled.take();
                if (b == END) return;
                sink.accept(b);
                free.put(b);
            }
        } catch (InterruptedException stopped) {
            // close(): the stream was abandoned
        } catch (Throwable t) {
            failure = t;
            // Wakes a producer waiting for a free buffer: it then sees the failure.
            free.offer(END);
        }
    }

    /** A cleared buffer to fill; waits while all of them are with the consumer. Throws the consumer's failure, if any. */
    ByteBuffer next() throws IOException {
        rethrow();
        try {
            ByteBuffer b = free.take().clear();
            rethrow();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
    }

    /** Hands a buffer from {@link #next()} to the consumer: its bytes from position to limit. */
    void submit(ByteBuffer buf) throws IOException {
        put(buf);
    }

    /** Gives a buffer back unfilled (the read found the end of the stream). */
    void giveBack(ByteBuffer buf) {
        free.offer(buf);
    }

    /** Waits until the consumer has taken in every submitted byte; throws its failure, if any. */
    void finish() throws IOException {
        if (!ended) {
            ended = true;
            put(END);
        }
        try {
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the consumer");
        }
        rethrow();
    }

    private void put(ByteBuffer b) throws IOException {
        rethrow();
        try {
            filled.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over a buffer");
        }
    }

    private void rethrow() throws IOException {
        if (failure != null) throw rethrow(failure);
    }

    /** Throws t as it is when it may be thrown here, else wrapped in an IOException (the return is for the compiler). */
    private static IOException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) throw io;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IOException(t);
    }

    /** Stops the consumer without waiting for what is still queued (the stream failed); idempotent. */
    @Override
    public void close() {
        consumer.interrupt();
        try {
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
