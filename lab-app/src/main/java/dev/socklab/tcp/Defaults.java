package dev.socklab.tcp;

import java.time.Duration;

/** Every default of the TCP programs, in one place, so the docs, the CLI and the tests agree. */
public final class Defaults {
    /** The lab's TCP port (the UDP programs use their own). */
    public static final int PORT = 9898;

    /** What the server calls the file it received, inside its output folder. */
    public static final String RECEIVED_NAME = "recv.txt";

    /** What the client sends when no --file is given. */
    public static final String FILE = "sample.txt";

    /** How long to wait for a TCP handshake: long enough for a slow lab network, short enough to notice a typo. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS);

    /** How long either side waits for the peer to make progress before giving up on it. */
    public static final int IDLE_TIMEOUT_SECONDS = 30;
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(IDLE_TIMEOUT_SECONDS);

    /**
     * How long the server waits, after a client's first bytes, for more before it calls them a classic greeting
     * (the client stopped to wait for an answer) rather than the start of a raw upload (a sender keeps streaming
     * or half-closes at once). Long enough for a raw sender stalled by a busy machine; a greeting client pays it
     * once, before the server answers.
     */
    public static final int GREETING_PAUSE_MILLIS = 500;
    public static final Duration GREETING_PAUSE = Duration.ofMillis(GREETING_PAUSE_MILLIS);

    /** Copy buffer (1 MiB): big enough that syscalls, not Java, stay the cost even at GB/s on loopback. */
    public static final int BUFFER_SIZE = 1024 * 1024;

    /**
     * The copy buffer for a transfer of size bytes: no bigger than the file, so a thousand small uploads at once
     * cost a thousand small buffers, not a thousand MiB (measured by ./lab bench concurrency).
     */
    public static int bufferFor(long size) {
        return (int) Math.max(8192, Math.min(BUFFER_SIZE, size));
    }

    /** Below this size a progress bar would only flicker. */
    public static final long PROGRESS_MIN_BYTES = 8L * 1024 * 1024;

    private Defaults() {}
}
