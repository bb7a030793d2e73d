package dev.socklab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The physical costs of a verified file transfer on this machine, measured in this JVM the way socklab does each
 * step (1 MiB heap buffers, streams): SHA-256, reading and writing the file system, and moving bytes through
 * loopback with nothing else to do. Each is given in core-seconds per GiB (CPU time of this process, kernel
 * included) and wall seconds; {@link #bound} turns them into the fastest a verified transfer can be.
 */
public final class PathCosts {
    static final int BUFFER = 1024 * 1024;

    /** One cost: wall seconds and core-seconds (user + system) for bytes. */
    public record Cost(long bytes, double seconds, double coreSeconds) {
        double gbPerSecond() {
            return seconds <= 0 ? 0 : bytes / seconds / 1e9;
        }

        /** Core-seconds per GiB. */
        double corePerGib() {
            return coreSeconds * (1L << 30) / bytes;
        }
    }

    /** Every cost, plus the lower bound they imply for a verified transfer of one GiB on cores cores. */
    public record Costs(Cost sha256, Cost fileRead, Cost fileWrite, Cost loopback, int cores) {
        /**
         * The verified transfer does every one of these: the client reads and hashes, loopback moves the bytes (its
         * core-seconds count both ends), the server hashes and writes. With perfect overlap the work spreads over
         * the cores, but no step can go faster than one core does it: seconds per GiB = max(all core-seconds / cores,
         * the costliest single step's core-seconds). CPU time, not wall time: on a shared machine the wall time of a
         * step measures the neighbours too, its CPU time much less so.
         */
        public double boundSecondsPerGib() {
            double core = fileRead.corePerGib() + 2 * sha256.corePerGib() + loopback.corePerGib() + fileWrite.corePerGib();
            double costliest = Math.max(Math.max(sha256.corePerGib(), loopback.corePerGib() / 2),
                    Math.max(fileRead.corePerGib(), fileWrite.corePerGib()));
            return Math.max(core / cores, costliest);
        }
    }

    private PathCosts() {}

    /** Measures each cost over bytes (a file of that size is written to and read from dir, then deleted). */
    public static Costs measure(Path dir, long bytes) throws IOException, InterruptedException {
        byte[] buf = new byte[BUFFER];
        new java.util.SplittableRandom(16).nextBytes(buf);
        Cost sha = sha256(buf, bytes);
        Path f = Files.createTempFile(dir, ".costs-", ".bin");
        try {
            Cost write = timed(bytes, () -> {
                try (OutputStream out = Files.newOutputStream(f)) {
                    for (long done = 0; done < bytes; done += BUFFER) out.write(buf, 0, (int) Math.min(BUFFER, bytes - done));
                }
            });
            Cost read = timed(bytes, () -> {
                try (InputStream in = Files.newInputStream(f)) {
                    while (in.read(buf) > 0) {
                        // only the reading costs
                    }
                }
            });
            Cost loop = loopback(bytes);
            return new Costs(sha, read, write, loop, Runtime.getRuntime().availableProcessors());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static Cost sha256(byte[] buf, long bytes) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // Warm the intrinsic up first (SHA-NI is used once the JIT compiled the loop), as a long transfer would.
        for (int i = 0; i < 64; i++) d.update(buf);
        d.reset();
        return timed(bytes, () -> {
            for (long done = 0; done < bytes; done += BUFFER) d.update(buf, 0, (int) Math.min(BUFFER, bytes - done));
            d.digest();
        });
    }

    /** Memory to memory through a loopback socket: one thread sends, one receives, 1 MiB at a time. */
    private static Cost loopback(long bytes) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread receiver = Thread.ofPlatform().name("costs-receive").start(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] b = new byte[BUFFER];
                    while (in.read(b) > 0) {
                        // drained
                    }
                } catch (IOException ignored) {
                    // the sender reports a broken run
                }
            });
            byte[] b = new byte[BUFFER];
            Cost c;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                OutputStream out = s.getOutputStream();
                c = timed(bytes, () -> {
                    for (long done = 0; done < bytes; done += BUFFER) out.write(b, 0, (int) Math.min(BUFFER, bytes - done));
                    s.shutdownOutput();
                    receiver.join();
                });
            }
            return c;
        }
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private static Cost timed(long bytes, Step step) throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        return new Cost(bytes, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9);
    }
}
