package dev.socklab.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One incoming file: streamed into a hidden temp file next to the target, hashed on the way, and renamed
 * over the target only by {@link #commit()}; {@link #close()} without commit deletes it, so readers of
 * recv.txt only ever see complete files.
 */
final class Receiver implements AutoCloseable {
    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".part";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    /**
     * Made on the first byte: the server's start-up writability probe is a Receiver too, and a digest set up there
     * would put the security providers' start-up before "listening" (docs/performance.md, start-up).
     */
    private MessageDigest sha;
    private long received;
    private boolean committed;
    /** Bytes written since the last background flush was started. */
    private long unflushed;
    private Thread flusher;

    /**
     * Start writing to disk every this many bytes, while more arrive: commit's fsync then waits for the tail only,
     * not for the whole file (for 1 GiB that is most of the transfer time; see README, Performance).
     */
    static final long FLUSH_EVERY = 64L * 1024 * 1024;

    /** From this size on a transfer is hashed on a second thread (below it, a thread costs more than it saves). */
    static final long PIPELINE_MIN = 8L * 1024 * 1024;

    /**
     * The single-thread copies' buffers, all transfers together (see {@link BufferBudget}): with the pipelines'
     * 4 x 4 MiB ({@link PipelineBuffers}, direct), the server's buffers stay under 48 MiB for any number of clients
     * (the server image's heap is 128 MiB).
     */
    private static final BufferBudget BUFFERS = new BufferBudget(32);

    Receiver(Path target) throws IOException {
        this.target = target;
        // Same folder as the target, so the final rename is atomic; CREATE_NEW (not createTempFile) keeps the
        // umask's permissions, so recv.txt is readable by the lab user as usual.
        Path dir = target.toAbsolutePath().getParent();
        Path t;
        FileChannel c;
        while (true) {
            t = dir.resolve(TEMP_PREFIX + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
            try {
                c = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException taken) {
                // astronomically rare: draw another name
            }
        }
        this.temp = t;
        this.channel = c;
    }

    /** Whether a file name is one of our temp files for target (used to sweep leftovers of a killed server). */
    static boolean isTempFor(Path target, Path candidate) {
        String name = candidate.getFileName().toString();
        return name.startsWith(TEMP_PREFIX + target.getFileName() + ".") && name.endsWith(TEMP_SUFFIX);
    }

    Path temp() {
        return temp;
    }

    long received() {
        return received;
    }

    private MessageDigest sha() {
        if (sha == null) sha = Sha256.newDigest();
        return sha;
    }

    void write(byte[] buf, int len) throws IOException {
        sha().update(buf, 0, len);
        store(ByteBuffer.wrap(buf, 0, len));
        received += len;
    }

    /**
     * Appends b's remaining bytes to the temp file (no hashing, no counting), starting writeback every
     * {@link #FLUSH_EVERY} bytes.
     */
    private void store(ByteBuffer b) throws IOException {
        int len = b.remaining();
        try {
            while (b.hasRemaining()) channel.write(b);
        } catch (IOException e) {
            throw new StorageException(e);
        }
        unflushed += len;
        if (unflushed >= FLUSH_EVERY && (flusher == null || !flusher.isAlive())) {
            unflushed = 0;
            flusher = Thread.ofVirtual().name("receiver-flush").start(() -> {
                try {
                    channel.force(false);
                } catch (IOException ignored) {
                    // commit's own force reports a real disk problem; a closed channel means we were discarded
                }
            });
        }
    }

    /**
     * Reads from the socket into the file: up to limit bytes (limit &lt; 0: until end of stream), through in (whose
     * reads honour the socket's SO_TIMEOUT) or, for a big file, straight from its channel, so in must hold no bytes
     * read ahead. Returns how many bytes arrived; fewer than limit means the peer closed early.
     *
     * @param idleTimeout how long the channel's reads may wait for data (they have no SO_TIMEOUT)
     */
    long copyFrom(InputStream in, SocketChannel channel, Duration idleTimeout, long limit) throws IOException {
        if (limit >= PIPELINE_MIN) {
            try (PipelineBuffers.Lease buffers = PipelineBuffers.take()) {
                if (buffers != null) return BufferRing.onPlatformThread("receiver", () -> pipelined(channel, idleTimeout, buffers, limit));
            }
        }
        long start = received;
        try (BufferBudget.Lease lease = BUFFERS.lease(limit < 0 ? Defaults.BUFFER_SIZE : Defaults.bufferFor(limit))) {
            byte[] buf = lease.buffer();
            while (limit < 0 || received - start < limit) {
                int want = limit < 0 ? buf.length : (int) Math.min(buf.length, limit - (received - start));
                int n = in.read(buf, 0, want);
                if (n < 0) break;
                write(buf, n);
            }
        }
        return received - start;
    }

    /**
     * A big file: this thread reads the socket and writes the file; a second one hashes, so hashing (the costliest
     * step per byte in Java, see docs/performance.md) overlaps the network and the file instead of following them.
     * The file's write stays on this thread because it can cost as much as the hash: memory the host has taken
     * back from a virtual machine costs a fault per page to write again (docs/performance.md, the container path),
     * and on one thread the two added up. Direct buffers from socket to file: the kernel's two copies are the
     * only ones.
     */
    private long pipelined(SocketChannel in, Duration idleTimeout, PipelineBuffers.Lease buffers, long limit)
            throws IOException {
        long start = received;
        MessageDigest sha = sha();
        BufferRing.Sink hash = sha::update;
        // Channel reads ignore SO_TIMEOUT: the watchdog closes the socket of a client that stops sending.
        try (Watchdog dog = new Watchdog(in.socket(), idleTimeout);
             BufferRing ring = new BufferRing(buffers.buffers(), "receiver-hash", hash)) {
            while (received - start < limit) {
                dog.pause();   // a wait for the hash (the ring full) is not the client's silence
                ByteBuffer b = ring.next();
                dog.resume();
                b.limit((int) Math.min(b.capacity(), limit - (received - start)));
                int n = fill(in, b, dog);
                if (n <= 0) {
                    ring.giveBack(b);
                    break;
                }
                b.flip();
                dog.pause();   // nor is a wait for the file
                store(b.duplicate());
                dog.resume();
                ring.submit(b);
                received += n;
            }
            dog.pause();
            ring.finish();
        }
        return received - start;
    }

    /**
     * Reads until a quarter of the buffer has arrived (or all of it, or the stream ended): one socket read often
     * returns only 64 KiB, and handing each of those to the other thread would cost more than it saves. Failures
     * come as the socket streams' exceptions, which the server reports.
     */
    private static int fill(SocketChannel in, ByteBuffer b, Watchdog dog) throws IOException {
        int enough = Math.max(1, b.remaining() / 4);
        try {
            while (b.position() < enough) {
                if (in.read(b) < 0) return b.position() == 0 ? -1 : b.position();
                dog.touch();
            }
        } catch (ClosedChannelException e) {
            if (dog.fired()) throw new SocketTimeoutException("Read timed out");
            throw new SocketException("Socket closed");
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
        return b.position();
    }

    /** Makes the data durable, then atomically replaces the target with it; returns the SHA-256 (hex). */
    String commit() throws IOException {
        awaitFlusher();
        try {
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException(e);
        }
        committed = true;
        syncFolder(target.toAbsolutePath().getParent());
        return Sha256.hex(sha());
    }

    @Override
    public void close() {
        if (committed) return;
        awaitFlusher();
        try {
            channel.close();
        } catch (IOException ignored) {
            // we are discarding the file anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: the next server start sweeps leftovers
        }
    }

    private void awaitFlusher() {
        if (flusher == null) return;
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Persists the rename itself (Linux needs the folder fsynced); not every OS allows it, hence best effort. */
    private static void syncFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // the data itself is already durable
        }
    }

    /** The file system, not the network, failed (disk full, quota, I/O error): the cause says what happened. */
    static final class StorageException extends IOException {
        StorageException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
