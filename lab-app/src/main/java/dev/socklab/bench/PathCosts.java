package dev.socklab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The physical costs of a verified file transfer on this machine, each step measured in this JVM the cheapest way
 * Java does it, as socklab's pipelined transfers do it (1 MiB direct buffers, FileChannel and SocketChannel, so no
 * copy through the JDK's temporary buffer): SHA-256, reading and writing the file system, and moving bytes through
 * loopback with nothing else to do. Each is given in core-seconds per GiB (CPU time of this process, kernel
 * included) and wall seconds; {@link Costs#boundSecondsPerGib} turns them into the fastest a verified transfer can be.
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

        /** The cheaper of two measurements of one step: a neighbour can only add to a step's cost. */
        Cost cheaper(Cost other) {
            return other.coreSeconds < coreSeconds ? other : this;
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

        /**
         * Each step's cheapest measurement of several rounds: what the step costs on this machine. A round's own
         * figures swing with the neighbours (writing 1 GiB to the tmpfs measured 0.3 to 2.5 core-s from run to
         * run), and the contenders are judged by their best round too.
         */
        public static Costs cheapest(java.util.List<Costs> rounds) {
            Costs c = rounds.getFirst();
            for (Costs r : rounds) {
                c = new Costs(c.sha256.cheaper(r.sha256), c.fileRead.cheaper(r.fileRead), c.fileWrite.cheaper(r.fileWrite),
                        c.loopback.cheaper(r.loopback), c.cores);
            }
            return c;
        }
    }

    private PathCosts() {}

    /** Measures each cost over bytes (a file of that size is written to and read from dir, then deleted). */
    public static Costs measure(Path dir, long bytes) throws IOException, InterruptedException {
        byte[] buf = new byte[BUFFER];
        new java.util.SplittableRandom(16).nextBytes(buf);
        Cost sha = sha256(buf, bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(BUFFER).put(buf).flip();
        Path f = Files.createTempFile(dir, ".costs-", ".bin");
        try {
            // Written as the server writes: 1 MiB at a time from a direct buffer, then fsync (before its OK).
            Cost write = timed(bytes, () -> {
                try (FileChannel out = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    for (long done = 0; done < bytes; done += BUFFER) {
                        direct.clear().limit((int) Math.min(BUFFER, bytes - done));
                        while (direct.hasRemaining()) out.write(direct);
                    }
                    out.force(true);
                }
            });
            Cost read = timed(bytes, () -> {
                try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
                    while (in.read(direct.clear()) > 0) {
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

    /** Memory to memory through a loopback socket: one thread sends, one receives, 1 MiB direct buffers. */
    private static Cost loopback(long bytes) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            Thread receiver = Thread.ofPlatform().name("costs-receive").start(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(BUFFER);
                try (SocketChannel s = server.accept()) {
                    while (s.read(b.clear()) > 0) {
                        // drained
                    }
                } catch (IOException ignored) {
                    // the sender reports a broken run
                }
            });
            ByteBuffer b = ByteBuffer.allocateDirect(BUFFER);
            Cost c;
            try (SocketChannel s = SocketChannel.open(server.getLocalAddress())) {
                c = timed(bytes, () -> {
                    for (long done = 0; done < bytes; done += BUFFER) {
                        b.clear().limit((int) Math.min(BUFFER, bytes - done));
                        while (b.hasRemaining()) s.write(b);
                    }
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
