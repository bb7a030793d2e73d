package dev.socklab.tcp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Closes a socket when no progress was reported for a whole timeout, which unblocks a thread stuck in a read
 * or write on it. The client guards its upload with it (socket writes have no timeout of their own); the
 * server guards the greeting, which must arrive whole in time however slowly its bytes trickle in, and a big
 * file's body, which it reads from the socket's channel (channel reads ignore SO_TIMEOUT).
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile long lastProgress;
    private volatile boolean fired;
    private volatile boolean paused;

    Watchdog(Socket s, Duration timeout) {
        this(s, timeout, System.nanoTime());
    }

    /**
     * Counts the first timeout from {@code sinceNanos} ({@link System#nanoTime()}), e.g. when the step really began.
     * The watchdog's thread is of the guarded step's kind: virtual for the server's connections and the bench's
     * thousands of clients; a platform thread for the one-shot client on main, where a first virtual thread would
     * start the virtual-thread scheduler, milliseconds of its start-up.
     */
    Watchdog(Socket s, Duration timeout, long sinceNanos) {
        Thread.Builder threads = Thread.currentThread().isVirtual() ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        lastProgress = sinceNanos;
        long limit = timeout.toNanos();
        long tick = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        thread = threads.name("tcp-watchdog").start(() -> {
            try {
                while (true) {
                    Thread.sleep(tick);
                    if (!paused && System.nanoTime() - lastProgress > limit) {
                        fired = true;
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing is all we wanted
                        }
                        return;
                    }
                }
            } catch (InterruptedException done) {
                // the guarded step finished
            }
        });
    }

    /** The guarded step waits for something other than the peer (the disk): that wait is not the peer's silence. */
    void pause() {
        paused = true;
    }

    /** The wait of {@link #pause()} is over; the timeout starts again from now. */
    void resume() {
        lastProgress = System.nanoTime();
        paused = false;
    }

    /** Progress was made: the timeout starts again. */
    void touch() {
        lastProgress = System.nanoTime();
    }

    /** Whether the watchdog closed the socket (so a failure that followed was its doing). */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
