package dev.socklab.tcp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Two threads over one stream of bytes: the caller fills buffers (socket or file reads) and a second thread
 * consumes them (SHA-256, file writes), so neither waits for the other's work. A few fixed buffers circulate
 * between the two, which bounds memory: {@code buffers × size} bytes whatever the length of the stream.
 * The consumer sees the buffers in the order they were submitted.
 */
final class BufferRing implements AutoCloseable {

    /** What the second thread does with each filled buffer; it must not keep the array. */
    interface Sink {
        void accept(byte[] buf, int len) throws IOException;
    }

    private record Filled(byte[] buf, int len) {}

    /** Marks the end of the stream in the filled queue. */
    private static final Filled END = new Filled(new byte[0], 0);

    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Filled> filled;
    private final Thread consumer;
    private volatile Throwable failure;
    private boolean ended;

    BufferRing(int buffers, int size, String name, Sink sink) {
        free = new ArrayBlockingQueue<>(buffers);
        filled = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) free.add(new byte[size]);
        // A platform thread: the work is CPU-bound and must run beside the I/O thread, on another core.
        consumer = Thread.ofPlatform().name(name).daemon(true).start(() -> consume(sink));
    }

    private void consume(Sink sink) {
        try {
            while (true) {
                Filled f = filled.take();
                if (f == END) return;
                sink.accept(f.buf(), f.len());
                free.put(f.buf());
            }
        } catch (InterruptedException stopped) {
            // close(): the stream was abandoned
        } catch (Throwable t) {
            failure = t;
            // Wakes a producer waiting for a free buffer: it then sees the failure.
            free.offer(new byte[0]);
        }
    }

    /** A buffer to fill; waits while all of them are with the consumer. Throws the consumer's failure, if any. */
    byte[] next() throws IOException {
        rethrow();
        try {
            byte[] b = free.take();
            rethrow();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
    }

    /** Hands len bytes of a buffer from {@link #next()} to the consumer. */
    void submit(byte[] buf, int len) throws IOException {
        put(new Filled(buf, len));
    }

    /** Gives a buffer back unfilled (the read found the end of the stream). */
    void giveBack(byte[] buf) {
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

    private void put(Filled f) throws IOException {
        rethrow();
        try {
            filled.put(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over a buffer");
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) return;
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
