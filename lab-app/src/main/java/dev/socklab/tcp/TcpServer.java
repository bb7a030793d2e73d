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
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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

/**
 * The lab's TCP file server: accepts clients until closed, one virtual thread each, recognises each client's form
 * (socklab, classic greeting or raw; see {@link Form}) and saves each upload as recv.txt.
 */
public final class TcpServer implements AutoCloseable {

    /**
     * What to serve.
     *
     * @param port          0 picks a free port (see {@link #start()})
     * @param outDir        where recv.txt goes; created if missing
     * @param form          the form clients must use, or {@link Form#AUTO}: recognise each client's form (socklab's
     *                      greeting line, a classic greeting, or raw bytes) from what it does
     * @param idleTimeout   how long a client may send nothing before it is dropped
     * @param log           receives each output line (the CLI prints and flushes them)
     * @param lines         line mode: print each received line with its sender instead of saving a file
     * @param maxBytes      the largest transfer accepted; a bigger one is refused ({@link #NO_LIMIT}: any size)
     * @param greetingPause in AUTO form: how long a client must stay silent after its first bytes for them to be
     *                      a classic greeting (see {@link Defaults#GREETING_PAUSE})
     */
    public record Config(int port, Path outDir, Form form, Duration idleTimeout, Consumer<String> log, boolean lines,
                         long maxBytes, Duration greetingPause) {
        /** maxBytes when every size is accepted (the disk is then the only limit, and a full one is refused cleanly). */
        public static final long NO_LIMIT = Long.MAX_VALUE;

        public Config {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
            if (maxBytes < 0) throw new IllegalArgumentException("max bytes must not be negative, got " + maxBytes);
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(log, "log");
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
            if (greetingPause == null || greetingPause.isNegative() || greetingPause.isZero()) {
                throw new IllegalArgumentException("greeting pause must be positive");
            }
        }

        /** Any size; raw: every client is raw, else each client's form is recognised. */
        public Config(int port, Path outDir, boolean raw, Duration idleTimeout, Consumer<String> log, boolean lines) {
            this(port, outDir, raw ? Form.RAW : Form.AUTO, idleTimeout, log, lines, NO_LIMIT, Defaults.GREETING_PAUSE);
        }

        /** File mode, any size. */
        public Config(int port, Path outDir, boolean raw, Duration idleTimeout, Consumer<String> log) {
            this(port, outDir, raw, idleTimeout, log, false);
        }

        /** The same, refusing transfers larger than maxBytes. */
        public Config withMaxBytes(long maxBytes) {
            return new Config(port, outDir, form, idleTimeout, log, lines, maxBytes, greetingPause);
        }

        /** The same, every client held to this form (AUTO: recognised). */
        public Config withForm(Form form) {
            return new Config(port, outDir, form, idleTimeout, log, lines, maxBytes, greetingPause);
        }

        /** The same, with another greeting pause. */
        public Config withGreetingPause(Duration greetingPause) {
            return new Config(port, outDir, form, idleTimeout, log, lines, maxBytes, greetingPause);
        }

        /** The lab defaults: port 9898, current folder, each client's form recognised. */
        public static Config defaults(Consumer<String> log) {
            return new Config(Defaults.PORT, Path.of("."), false, Defaults.IDLE_TIMEOUT, log);
        }
    }

    private final Config config;
    private final Path target;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ServerSocket listener;
    /** Connections the kernel may queue before accept (capped by net.core.somaxconn). */
    static final int ACCEPT_BACKLOG = 4096;
    private volatile boolean closed;
    private Thread acceptor;
    private volatile boolean keepEach;
    /** The client of the connection this thread serves (each connection has a virtual thread of its own). */
    private static final ThreadLocal<String> PEER = new ThreadLocal<>();

    public TcpServer(Config config) {
        this.config = config;
        this.target = config.outDir().resolve(Defaults.RECEIVED_NAME).toAbsolutePath().normalize();
    }

    /**
     * Also keeps each upload apart, as {@code recv-<client address>-<port>.txt} beside recv.txt (a hard link to the
     * same file: no second copy), so the next upload does not replace it: ./lab send moves it into its run's folder.
     */
    public TcpServer keepingEach() {
        keepEach = true;
        return this;
    }

    /** The name an upload from {@code peer} (address:port) is kept under with {@link #keepingEach()}. */
    public static String keptName(String peer) {
        int colon = peer.lastIndexOf(':');
        String host = peer.substring(0, Math.max(0, colon)).replaceAll("[^A-Za-z0-9.]", "");
        return "recv-" + host + "-" + peer.substring(colon + 1) + ".txt";
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
        // A channel's socket: its connections have channels too, which read a big file into direct buffers
        // (Receiver); their streams still honour SO_TIMEOUT for everything else.
        ServerSocket ss = ServerSocketChannel.open().socket();
        try {
            // Lets a restarted server rebind at once although old connections linger in TIME_WAIT.
            ss.setReuseAddress(true);
            // The kernel caps the accept queue at net.core.somaxconn (4096 here): a full queue drops SYNs, and a
            // client whose SYN is dropped three times meets its connect timeout (16 of 10,000 at once, with 128).
            ss.bind(new InetSocketAddress(config.port()), ACCEPT_BACKLOG);
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
        // A plain loop, not a stream: streams and lambdas are dozens of classes to load before "listening".
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (!Receiver.isTempFor(target, p)) continue;
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // not ours to fight over
                }
            }
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
        PEER.set(peer);
        try {
            config.log().accept("Connection from " + peer);
            s.setSoTimeout(idleMillis());
            if (config.lines()) {
                receiveLines(s, peer);
                s.close();
                config.log().accept("Connection from " + peer + " closed");
                return;
            }
            receive(s);
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

    /** The first bytes a client sent, when they came (a greeting's deadline counts from there), and its form. */
    private record Opening(byte[] bytes, int length, long sinceNanos, Form form) {
        Opening as(Form form, int length) {
            return new Opening(bytes, length, sinceNanos, form);
        }
    }

    /** Reads the client's first bytes (one read, as the textbook's recv(1024)), then serves it in its form. */
    private void receive(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] first = new byte[Protocol.MAX_LINE];
        int n;
        try {
            // A silent client meets the idle timeout here, with the same message as anywhere else.
            n = in.read(first);
        } catch (SocketException | InterruptedIOException e) {
            throw new Failure(readFailure(e, config.form() == Form.RAW ? "before sending anything" : "before its greeting"));
        }
        // Port probes (nc -z, health checks) connect and close: they must not wipe the last upload.
        if (n < 0) throw new Failure(config.form() == Form.RAW ? "client sent no data" : "client closed before sending anything");
        Opening opening = new Opening(first, n, System.nanoTime(), config.form());
        if (opening.form() == Form.AUTO) opening = recognise(s, in, opening);
        switch (opening.form()) {
            case SOCKLAB -> receiveFramed(s, opening);
            case GREETING -> receiveAfterGreeting(s, in, opening);
            default -> receiveRaw(s, in, opening);
        }
    }

    /**
     * AUTO: which form the client uses, from its first bytes and what it does next. A line beginning
     * "HELLO socklab" is socklab's; a first message without a newline after which the client stops and waits
     * (nothing within the greeting pause, and no EOF) is a classic greeting; anything else (a sender that keeps
     * streaming, half-closes, or sent a full read's worth or a line) is raw. The one case this cannot tell right
     * is a raw sender of less than one read with no newline that then waits without closing: it looks exactly like
     * a greeting (docs/protocol.md, "Which form the other side uses"). Reads more into the opening's buffer as it goes.
     */
    private Opening recognise(Socket s, InputStream in, Opening opening) throws IOException {
        byte[] buf = opening.bytes();
        int length = opening.length();
        int pause = Math.toIntExact(Math.max(1, Math.min(Integer.MAX_VALUE, config.greetingPause().toMillis())));
        try {
            while (true) {
                Protocol.Prefix socklab = Protocol.beginsWith(buf, length, Protocol.SOCKLAB_MARK);
                if (socklab == Protocol.Prefix.YES) return opening.as(Form.SOCKLAB, length);
                // A full read is more than any greeting: the textbook's recv(1024) would have cut it.
                if (length >= buf.length) return opening.as(Form.RAW, length);
                int n;
                s.setSoTimeout(pause);
                try {
                    n = in.read(buf, length, buf.length - length);
                } catch (SocketTimeoutException quiet) {
                    // The client stopped and waits: for an answer, unless it sent lines (someone typing into nc).
                    boolean line = false;
                    for (int i = 0; i < length && !line; i++) line = buf[i] == '\n';
                    return opening.as(line ? Form.RAW : Form.GREETING, length);
                } finally {
                    s.setSoTimeout(idleMillis());
                }
                if (n < 0) return opening.as(Form.RAW, length);   // half-closed: those bytes were the whole file
                length += n;
                // Still spelling "HELLO socklab"? Look again; otherwise it kept streaming.
                if (socklab == Protocol.Prefix.NO) return opening.as(Form.RAW, length);
            }
        } catch (SocketException | InterruptedIOException e) {
            throw new Failure(readFailure(e, "before its greeting"));
        }
    }

    /** Socklab form: greeting line, exactly the announced bytes, EOF, then OK with the SHA-256. */
    private void receiveFramed(Socket s, Opening opening) throws IOException {
        // One buffered stream for the greeting and the body, so bytes read ahead of the '\n' are not lost;
        // its buffer can stay small because big reads bypass it once it is drained.
        Lines in = new Lines(s.getInputStream(), opening);
        OutputStream out = s.getOutputStream();
        String line;
        // The idle timeout bounds each read; the watchdog bounds the whole line from its first byte, so a client
        // trickling one byte at a time cannot hold the connection open forever before it has even said what it sends.
        try (Watchdog deadline = new Watchdog(s, config.idleTimeout(), opening.sinceNanos())) {
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
                // What came with the greeting first: the rest may come straight from the socket's channel.
                int ahead = (int) Math.min(in.buffered(), size);
                if (ahead > 0) r.write(in.readNBytes(ahead), ahead);
                r.copyFrom(in, s.getChannel(), config.idleTimeout(), size - ahead);
                long got = r.received();
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

    /** Greeting form: the textbook's answer (no newline), then everything until the client closes is the file. */
    private void receiveAfterGreeting(Socket s, InputStream in, Opening opening) throws IOException {
        config.log().accept("Greeting: " + Protocol.printableGreeting(opening.bytes(), opening.length())
                + " (classic greeting: no size announced, saving until the client closes)");
        send(s.getOutputStream(), Protocol.CLASSIC_SERVER_GREETING);
        receiveUntilEof(s, in, opening.bytes(), 0, true);
    }

    /** Raw form: the opening's bytes and whatever follows until the client closes its sending side are the file. */
    private void receiveRaw(Socket s, InputStream in, Opening opening) throws IOException {
        receiveUntilEof(s, in, opening.bytes(), opening.length(), false);
    }

    /** in: the socket's own stream, holding no bytes read ahead (head has them). */
    private void receiveUntilEof(Socket s, InputStream in, byte[] head, int headLength, boolean greeted)
            throws IOException {
        boolean limited = config.maxBytes() != Config.NO_LIMIT;
        String after = greeted ? "after its greeting and " : "after ";
        try (Receiver r = receiver()) {
            try {
                if (headLength > 0) r.write(head, headLength);
                // One byte past the limit is enough to know the file is too large.
                if (r.received() <= config.maxBytes()) {
                    r.copyFrom(in, s.getChannel(), config.idleTimeout(),
                            limited ? config.maxBytes() + 1 - r.received() : -1);
                }
                if (r.received() > config.maxBytes()) throw new Failure(tooLarge("more than " + config.maxBytes() + " bytes sent"));
            } catch (Receiver.StorageException e) {
                throw new Failure("cannot store the file: " + reason(e.getCause()));
            } catch (SocketException | InterruptedIOException e) {
                String why = readFailure(e, after + r.received() + " bytes");
                if (e instanceof SocketTimeoutException && greeted && r.received() == 0) {
                    why += " (if the greeting was a small file from a raw sender that waits without closing, "
                            + "run the server with --protocol raw)";
                } else if (e instanceof SocketTimeoutException && r.received() > 0) {
                    // OpenBSD netcat (Debian's nc) never half-closes on its own: the classic raw-mode trap.
                    why += " and no end of stream (netcat? use nc -N)";
                }
                throw new Failure(why);
            }
            // Port probes (nc -z, health checks) connect and close: they must not wipe the last upload.
            if (r.received() == 0) {
                throw new Failure(greeted ? "client sent nothing after its greeting (if the greeting was the file, from "
                        + "a raw sender that paused before closing: run the server with --protocol raw)" : "client sent no data");
            }
            String sha;
            try {
                sha = r.commit();
            } catch (Receiver.StorageException e) {
                throw new Failure("cannot store the file: " + reason(e.getCause()));
            }
            copied(r.received(), sha);
        }
    }

    private int idleMillis() {
        return Math.toIntExact(Math.max(1, Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis())));
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
        String peer = PEER.get();
        if (!keepEach || peer == null) return;
        Path kept = target.resolveSibling(keptName(peer));
        try {
            Files.deleteIfExists(kept);
            Files.createLink(kept, target);
            config.log().accept("Kept apart as " + kept.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            config.log().accept("Could not keep it apart as " + kept.getFileName() + ": " + reason(e));
        }
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

    /** The socket's stream, buffered for reading lines, starting with the bytes the opening already took from it. */
    private static final class Lines extends BufferedInputStream {
        Lines(InputStream socket, Opening opening) {
            super(socket, Math.max(8192, opening.length()));
            System.arraycopy(opening.bytes(), 0, buf, 0, opening.length());
            count = opening.length();
        }

        /** Bytes taken from the socket but not yet read from this stream. */
        int buffered() {
            return count - pos;
        }
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
