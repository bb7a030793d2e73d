package dev.socklab.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The lab's TCP file server: accepts clients until closed, one virtual thread each, and saves each upload as recv.txt. */
public final class TcpServer implements AutoCloseable {

    /**
     * What to serve.
     *
     * @param port        0 picks a free port (see {@link #start()})
     * @param outDir      where recv.txt goes; created if missing
     * @param raw         no greeting and no confirmation: the bytes until EOF are the file (netcat-compatible)
     * @param idleTimeout how long a client may send nothing before it is dropped
     * @param log         receives each output line (the CLI prints and flushes them)
     * @param lines       line mode: print each received line with its sender instead of saving a file
     * @param maxBytes    the largest transfer accepted; a bigger one is refused ({@link #NO_LIMIT}: any size)
     */
    public record Config(int port, Path outDir, boolean raw, Duration idleTimeout, Consumer<String> log, boolean lines,
                         long maxBytes) {
        /** maxBytes when every size is accepted (the disk is then the only limit, and a full one is refused cleanly). */
        public static final long NO_LIMIT = Long.MAX_VALUE;

        public Config {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
            if (maxBytes < 0) throw new IllegalArgumentException("max bytes must not be negative, got " + maxBytes);
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(log, "log");
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
        }

        /** Any size. */
        public Config(int port, Path outDir, boolean raw, Duration idleTimeout, Consumer<String> log, boolean lines) {
            this(port, outDir, raw, idleTimeout, log, lines, NO_LIMIT);
        }

        /** File mode, any size. */
        public Config(int port, Path outDir, boolean raw, Duration idleTimeout, Consumer<String> log) {
            this(port, outDir, raw, idleTimeout, log, false);
        }

        /** The same, refusing transfers larger than maxBytes. */
        public Config withMaxBytes(long maxBytes) {
            return new Config(port, outDir, raw, idleTimeout, log, lines, maxBytes);
        }

        /** The lab defaults: port 9898, current folder, framed protocol. */
        public static Config defaults(Consumer<String> log) {
            return new Config(Defaults.PORT, Path.of("."), false, Defaults.IDLE_TIMEOUT, log);
        }
    }

    private final Config config;
    private final Path target;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ServerSocket listener;
    private volatile boolean closed;
    private Thread acceptor;

    public TcpServer(Config config) {
        this.config = config;
        this.target = config.outDir().resolve(Defaults.RECEIVED_NAME).toAbsolutePath().normalize();
    }

    /** Where complete uploads land. */
    public Path target() {
        return target;
    }

    /**
     * Prepares the output folder, binds, prints "Server is listening on port : N" and starts accepting in the
     * background. Returns the bound port (the real one when the config asked for 0).
     */
    public synchronized int start() throws IOException {
        if (listener != null) throw new IllegalStateException("already started");
        if (!config.lines()) prepareOutDir();
        ServerSocket ss = new ServerSocket();
        try {
            // Lets a restarted server rebind at once although old connections linger in TIME_WAIT.
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(config.port()), 128);
        } catch (IOException e) {
            ss.close();
            throw bindFailure(e);
        }
        listener = ss;
        config.log().accept("Server is listening on port : " + ss.getLocalPort());
        acceptor = Thread.ofPlatform().name("tcp-server-accept").daemon(true).start(this::acceptLoop);
        return ss.getLocalPort();
    }

    /** The bound port, once started. */
    public int port() {
        ServerSocket ss = listener;
        if (ss == null) throw new IllegalStateException("not started");
        return ss.getLocalPort();
    }

    /** Blocks until {@link #close()} (from another thread or a shutdown hook) has stopped the server. */
    public void awaitClosed() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = acceptor;
        }
        if (t != null) t.join();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Stops listening, drops current clients (their partial files are deleted) and waits briefly for them. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ServerSocket ss = listener;
        if (ss != null) {
            try {
                ss.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket s : connections) closeQuietly(s);
        workers.shutdown();
        try {
            // Gives the handlers time to delete their temp files before the JVM goes away.
            workers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- setup

    private void prepareOutDir() throws IOException {
        Path dir = target.getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new TcpException("output folder is not a folder: " + dir);
        try {
            Files.createDirectories(dir);
            // A real write is the only reliable test (read-only mounts, root-squashed volumes...).
            new Receiver(target).close();
        } catch (IOException e) {
            throw new TcpException("output folder is not writable: " + dir + " (" + reason(e) + ")", e);
        }
        // A killed server (kill -9, power loss) cannot clean up: sweep its temp files now.
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> Receiver.isTempFor(target, p)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // not ours to fight over
                }
            });
        }
    }

    private TcpException bindFailure(IOException e) {
        String where = "cannot listen on port " + config.port() + ": ";
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (msg.contains("already in use")) return new TcpException(where + "address already in use", e);
        if (msg.contains("permission denied") || msg.contains("access denied")) {
            return new TcpException(where + "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)", e);
        }
        return new TcpException(where + Text.lower(e.getMessage()), e);
    }

    // ---------------------------------------------------------------- serving

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (closed) return;
                // E.g. out of file descriptors: say so, breathe, keep serving the others.
                config.log().accept("Accept failed: " + Text.lower(e.getMessage()));
                sleepQuietly(100);
                continue;
            }
            connections.add(s);
            try {
                workers.execute(() -> handle(s));
            } catch (RuntimeException rejected) {
                // Shutting down between accept and execute.
                connections.remove(s);
                closeQuietly(s);
            }
        }
    }

    private void handle(Socket s) {
        String peer = Text.address(s.getRemoteSocketAddress());
        try {
            config.log().accept("Connection from " + peer);
            s.setSoTimeout(Math.toIntExact(Math.max(1, Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))));
            if (config.lines()) {
                receiveLines(s, peer);
                s.close();
                config.log().accept("Connection from " + peer + " closed");
                return;
            }
            if (config.raw()) receiveRaw(s);
            else receiveFramed(s);
            s.close();
            config.log().accept("Server closed the connection");
        } catch (Failure f) {
            config.log().accept("Transfer from " + peer + " failed: " + f.getMessage() + "; nothing saved");
        } catch (IOException | RuntimeException e) {
            config.log().accept("Transfer from " + peer + " failed: " + reason(e) + "; nothing saved");
        } finally {
            connections.remove(s);
            closeQuietly(s);
        }
    }

    /** Default mode: greeting, exactly the announced bytes, EOF, then OK with the SHA-256. */
    private void receiveFramed(Socket s) throws IOException {
        // One buffered stream for the greeting and the body, so bytes read ahead of the '\n' are not lost;
        // its buffer can stay small because big reads bypass it once it is drained.
        InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
        OutputStream out = s.getOutputStream();
        String line;
        try {
            // A silent client meets the idle timeout here, with the same message as anywhere else.
            in.mark(1);
            if (in.read() < 0) throw new Failure("client closed before sending a greeting");
            in.reset();
        } catch (SocketException | InterruptedIOException e) {
            throw new Failure(readFailure(e, "before its greeting"));
        }
        // The idle timeout bounds each read; the watchdog bounds the whole line, so a client trickling one
        // byte at a time cannot hold the connection open forever before it has even said what it sends.
        try (Watchdog deadline = new Watchdog(s, config.idleTimeout())) {
            try {
                line = Protocol.readLine(in);
            } catch (ProtocolException e) {
                send(out, Protocol.error(Protocol.BAD_GREETING));
                throw new Failure(Protocol.BAD_GREETING + " (" + e.getMessage() + ")");
            } catch (IOException e) {
                if (deadline.fired()) {
                    throw new Failure("no complete greeting from client within " + Text.duration(config.idleTimeout()));
                }
                throw new Failure(readFailure(e, "before its greeting"));
            }
        }
        if (line == null) throw new Failure("client closed before sending a greeting");
        Protocol.ClientHello hello;
        try {
            hello = Protocol.parseClientHello(line);
        } catch (ProtocolException e) {
            send(out, Protocol.error(Protocol.BAD_GREETING));
            throw new Failure(Protocol.BAD_GREETING + ": " + preview(line));
        }
        config.log().accept("Greeting: " + Protocol.printable(line));
        long size = hello.size();
        if (size > config.maxBytes()) {
            // Refused before a single byte of the file is sent: the client reads this instead of our greeting.
            send(out, Protocol.error(tooLarge(size + " bytes announced")));
            throw new Failure(tooLarge(size + " bytes announced"));
        }
        send(out, Protocol.serverHello());

        try (Receiver r = receiver()) {
            try {
                long got = r.copyFrom(in, size, new byte[Defaults.bufferFor(size)]);
                if (got < size) {
                    send(out, Protocol.error("incomplete: received " + got + " of " + size + " bytes"));
                    throw new Failure("client closed after " + got + " of " + size + " bytes");
                }
                // The client must half-close right after the announced bytes; anything more is a protocol error.
                if (in.read() >= 0) {
                    send(out, Protocol.error("more than the announced size=" + size + " bytes"));
                    throw new Failure("client sent more than the announced " + size + " bytes");
                }
            } catch (SocketException | InterruptedIOException e) {
                throw new Failure(readFailure(e, "after " + r.received() + " of " + size + " bytes"));
            } catch (Receiver.StorageException e) {
                throw refuseStorage(r, s, in, out, e, size - r.received());
            }
            String sha;
            try {
                sha = r.commit();
            } catch (Receiver.StorageException e) {
                throw refuseStorage(r, s, in, out, e, 0);
            }
            // Logged before the client hears OK: whoever watches both sides never sees the client finish first.
            copied(size, sha);
            send(out, Protocol.ok(size, sha));
        }
    }

    /**
     * The disk refused the file (full, quota, I/O error): tell the client why, then read and discard the rest
     * of its upload, so it sees our ERROR line after its last byte instead of a reset in the middle of it.
     */
    private Failure refuseStorage(Receiver r, Socket s, InputStream in, OutputStream out, Receiver.StorageException e,
                                  long rest) {
        r.close();   // frees the disk at once, not after the drain
        String why = "cannot store the file: " + reason(e.getCause());
        send(out, Protocol.error(why));
        try {
            s.shutdownOutput();
            in.skipNBytes(Math.max(0, rest));
        } catch (IOException | RuntimeException gone) {
            // the client left or went silent for the idle timeout: nothing more to tell it
        }
        return new Failure(why);
    }

    private String tooLarge(String what) {
        return "too large: " + what + ", this server accepts at most " + config.maxBytes() + " bytes (--max-bytes)";
    }

    /** Line mode: each line as it arrives, attributed to its sender, until the client half-closes. */
    private void receiveLines(Socket s, String peer) throws IOException {
        // No idle timeout: a person types at their own pace; a vanished client costs one parked virtual thread.
        s.setSoTimeout(0);
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String p = Protocol.printable(line);
            config.log().accept(peer + " -> " + (p.length() > 200 ? p.substring(0, 200) + "..." : p));
        }
    }

    /** Raw mode: whatever arrives until the client closes its sending side is the file. */
    private void receiveRaw(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        boolean limited = config.maxBytes() != Config.NO_LIMIT;
        try (Receiver r = receiver()) {
            try {
                // One byte past the limit is enough to know the file is too large.
                r.copyFrom(in, limited ? config.maxBytes() + 1 : -1, new byte[Defaults.BUFFER_SIZE]);
                if (r.received() > config.maxBytes()) throw new Failure(tooLarge("more than " + config.maxBytes() + " bytes sent"));
            } catch (Receiver.StorageException e) {
                throw new Failure("cannot store the file: " + reason(e.getCause()));
            } catch (SocketException | InterruptedIOException e) {
                String why = readFailure(e, "after " + r.received() + " bytes");
                // OpenBSD netcat (Debian's nc) never half-closes on its own: the classic raw-mode trap.
                if (e instanceof SocketTimeoutException && r.received() > 0) why += " and no end of stream (netcat? use nc -N)";
                throw new Failure(why);
            }
            // Port probes (nc -z, health checks) connect and close: they must not wipe the last upload.
            if (r.received() == 0) throw new Failure("client sent no data");
            String sha;
            try {
                sha = r.commit();
            } catch (Receiver.StorageException e) {
                throw new Failure("cannot store the file: " + reason(e.getCause()));
            }
            copied(r.received(), sha);
        }
    }

    private Receiver receiver() throws IOException {
        try {
            return new Receiver(target);
        } catch (IOException e) {
            throw new Failure("cannot create a file in " + target.getParent() + " (" + reason(e) + ")");
        }
    }

    private void copied(long size, String sha) {
        config.log().accept("File has been copied successfully (" + size + " bytes, sha256 " + sha + ") -> " + target);
    }

    private String readFailure(IOException e, String when) {
        if (closed) return "server shutting down " + when;
        if (e instanceof SocketTimeoutException) {
            return "no data from client for " + Text.duration(config.idleTimeout()) + " " + when;
        }
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (msg.contains("reset")) return "connection reset by client " + when;
        return "network error " + when + ": " + Text.lower(e.getMessage());
    }

    /** Best effort: the client may already be gone, and then there is nobody to tell. */
    private static void send(OutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the failure itself is reported by the caller
        }
    }

    private static String preview(String line) {
        String p = Protocol.printable(line);
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? Text.lower(f.getReason()) : "cannot write there";
        }
        return Text.lower(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A transfer that went wrong in a way already described for the log; never leaves the class. */
    private static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }
}
