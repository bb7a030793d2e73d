package dev.socklab.udp;

import java.time.Duration;

/** Every default of the UDP programs, in one place, so the docs, the CLI and the tests agree. */
public final class Defaults {
    /** The classic exercise's UDP server port. */
    public static final int PORT = 12000;

    /** How long the client waits for a reply to --message. */
    public static final String TIMEOUT_TEXT = "2s";
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The numbers --sequence sends when given no range... and its pace. */
    public static final String SEQUENCE = "1..100";
    public static final String INTERVAL_TEXT = "200ms";
    public static final Duration INTERVAL = Duration.ofMillis(200);

    /** --stdin: after EOF, how long to keep listening for the last replies. */
    public static final Duration STDIN_LINGER = Duration.ofMillis(500);

    /** File chunk: 1200 + 16-byte header + 28 bytes IP/UDP stays under a 1280-byte IPv6 minimum MTU: never fragmented. */
    public static final int CHUNK = 1200;

    /**
     * File pacing in datagrams per second (~6 MB/s with 1200-byte chunks). UDP has no flow control: an unpaced burst
     * overflows a default 208 KiB receive buffer after ~90 datagrams even on loopback.
     */
    public static final int RATE = 5000;

    /** The receiver gives up waiting for the rest of a transfer after this much silence. */
    public static final String IDLE_TIMEOUT_TEXT = "2s";
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    /** What the server calls a completely received file, inside --receive-file DIR. */
    public static final String RECEIVED_NAME = "udp-recv.bin";

    /** Largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header). */
    public static final int MAX_PAYLOAD = 65507;

    /** Receive buffer requested by the server (the kernel caps it at net.core.rmem_max). */
    public static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    /** Payload text longer than this is shortened in the server's output. */
    public static final int PREVIEW_CHARS = 80;

    private Defaults() {}
}
