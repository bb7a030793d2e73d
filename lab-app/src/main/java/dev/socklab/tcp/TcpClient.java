package dev.socklab.tcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The lab's TCP file client: sends one file to a socklab server and checks its receipt, or, in the classic forms,
 * to a textbook greeting server or anything netcat-like, which confirm nothing (see {@link Form}).
 */
public final class TcpClient {

    /** Told how far the upload got; the CLI draws a progress bar with it. */
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void update(long done, long total);

        /** Called once the last byte is handed to the network, before anything else is printed. */
        default void finish() {}
    }

    /**
     * What to send, and where.
     *
     * @param host           IPv4 or IPv6 literal (brackets allowed: [::1]) or a name
     * @param form           {@link Form#AUTO}: socklab's greeting line, then socklab's protocol if the server answers
     *                       as socklab, else the classic greeting form; {@link Form#RAW}: just the bytes, then
     *                       half-close (netcat-compatible, and the only way to a recv-until-EOF server)
     * @param connectTimeout how long the TCP handshake may take
     * @param idleTimeout    how long the server may stay silent, or stop reading, before we give up
     * @param log            receives each output line
     */
    public record Config(String host, int port, Path file, Form form, Duration connectTimeout, Duration idleTimeout,
                         Consumer<String> log, Progress progress) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(log, "log");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
            requirePositive(connectTimeout, "connect timeout");
            requirePositive(idleTimeout, "idle timeout");
            if (progress == null) progress = Progress.NONE;
        }

        /** raw: the bytes only; else the form is recognised from the server's answer. */
        public Config(String host, int port, Path file, boolean raw, Duration connectTimeout, Duration idleTimeout,
                      Consumer<String> log, Progress progress) {
            this(host, port, file, raw ? Form.RAW : Form.AUTO, connectTimeout, idleTimeout, log, progress);
        }

        /** The lab defaults for everything but the host. */
        public static Config defaults(String host, Consumer<String> log) {
            return new Config(host, Defaults.PORT, Path.of(Defaults.FILE), false, Defaults.CONNECT_TIMEOUT,
                    Defaults.IDLE_TIMEOUT, log, Progress.NONE);
        }

        private static void requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /**
     * How a transfer ended, in which form (SOCKLAB, GREETING or RAW). {@code reply} is null in the classic forms
     * (nothing to verify); {@code problem} is null when everything checked out, else one sentence for the user.
     */
    public record Result(String server, long bytesSent, String sha256, Protocol.Reply reply, String problem, Form form) {
        public boolean ok() {
            return problem == null;
        }

        /** The server confirmed the same size and SHA-256. */
        public boolean verified() {
            return ok() && reply instanceof Protocol.Ok;
        }
    }

    private final Config config;

    public TcpClient(Config config) {
        this.config = config;
    }

    /**
     * Connects, sends the file and, in default mode, checks the server's confirmation. Failures to even get
     * there (no file, unknown host, refused, timeouts, lost connection) are thrown as {@link TcpException};
     * a server that answers ERROR or disagrees about the content gives a Result with a problem.
     */
    public Result send() throws IOException {
        Path file = config.file();
        long size = fileSize(file);
        try (Socket s = connect(size >= Receiver.PIPELINE_MIN)) {
            String server = Text.address(s.getRemoteSocketAddress());
            config.log().accept("Connected to " + server + " from " + Text.address(s.getLocalSocketAddress()));
            s.setSoTimeout(timeoutMillis(config.idleTimeout()));
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = s.getOutputStream();

            Form form = greet(in, out, size, file);

            String sha = upload(s, out, file, size);
            // Half-close: our FIN tells the server the file is complete, and we can still read its answer.
            s.shutdownOutput();
            config.log().accept("Sent " + size + " bytes (sha256 " + sha + ")");

            if (form != Form.SOCKLAB) {
                awaitClose(in);
                config.log().accept("Not verified: the server confirmed nothing (" + form.label() + " form: no size, "
                        + "no SHA-256); all " + size + " bytes were sent and it closed cleanly");
                return new Result(server, size, sha, null, null, form);
            }
            String line = readLine(in, "a confirmation", "");
            config.log().accept("Server replied: " + Protocol.printable(line));
            Protocol.Reply reply = Protocol.parseReply(line);
            // instanceof, not a pattern switch: that switch is linked (method handles spun) on its first run, which
            // in a one-shot client is every run: milliseconds of start-up (docs/performance.md).
            if (reply instanceof Protocol.Error e) {
                return new Result(server, size, sha, reply, "server refused the transfer: " + e.reason(), form);
            }
            Protocol.Ok ok = (Protocol.Ok) reply;
            if (ok.size() == size && ok.sha256().equals(sha)) {
                config.log().accept("Verified: server stored " + size + " bytes, sha256 matches");
                return new Result(server, size, sha, reply, null, form);
            }
            return new Result(server, size, sha, reply, "verification failed: server stored " + ok.size()
                    + " bytes with sha256 " + ok.sha256() + ", but " + size + " bytes with sha256 " + sha + " were sent", form);
        }
    }

    // ---------------------------------------------------------------- steps

    /**
     * The greeting exchange before the file; returns the form the transfer takes. In AUTO form the client sends
     * socklab's greeting line alone and waits: a socklab server answers with its own line, a textbook greeting
     * server (one recv(1024) for the greeting, then an answer) with anything else, and the file then goes raw.
     */
    private Form greet(InputStream in, OutputStream out, long size, Path file) throws IOException {
        if (config.form() == Form.RAW) return Form.RAW;
        String greeting = config.form() == Form.GREETING ? Protocol.CLASSIC_CLIENT_GREETING
                : Protocol.clientHello(size, file.getFileName().toString());
        out.write(greeting.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (config.form() != Form.SOCKLAB) {
            // Looks at the answer's first bytes without taking them: a socklab line is then read whole.
            byte[] answer = new byte[Protocol.MAX_LINE];
            in.mark(answer.length);
            int n = awaitAnswer(() -> in.read(answer));
            in.reset();
            boolean socklab = config.form() == Form.AUTO && Protocol.beginsWith(answer, n,
                    Protocol.SOCKLAB_MARK, Protocol.ERROR_PREFIX) != Protocol.Prefix.NO;
            if (!socklab) {
                in.skipNBytes(n);
                config.log().accept("Server's greeting: " + Protocol.printableGreeting(answer, n)
                        + (config.form() == Form.AUTO ? " (not socklab's answer: a classic greeting server; sending the "
                        + "file raw, it will confirm nothing)" : ""));
                return Form.GREETING;
            }
        }
        String hello = awaitAnswer(() -> Protocol.readLine(in));
        Protocol.parseServerHello(hello);
        config.log().accept("Greeting: " + Protocol.printable(hello));
        return Form.SOCKLAB;
    }

    private interface Answer<T> {
        T read() throws IOException;
    }

    /** Reads the server's answer to our greeting; says plainly when it never comes, and what to do about it. */
    private <T> T awaitAnswer(Answer<T> answer) throws IOException {
        T got;
        try {
            got = answer.read();
        } catch (SocketTimeoutException e) {
            throw new TcpException("server did not answer the greeting within " + Text.duration(config.idleTimeout())
                    + ": a server that only receives until end of stream (nc -l, a recv-until-EOF program) "
                    + "needs --protocol raw", e);
        } catch (SocketException e) {
            throw new TcpException("connection lost while waiting for the server's answer to the greeting ("
                    + Text.lower(e.getMessage()) + ")", e);
        }
        if (got == null || got instanceof Integer i && i < 0) {
            throw new TcpException("server closed the connection instead of answering the greeting");
        }
        return got;
    }

    private static long fileSize(Path file) throws TcpException {
        if (!Files.exists(file)) throw new TcpException("no such file: " + file);
        if (!Files.isRegularFile(file)) throw new TcpException("not a regular file: " + file);
        if (!Files.isReadable(file)) throw new TcpException("cannot read file: " + file + " (permission denied)");
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new TcpException("cannot read file: " + file + " (" + Text.lower(e.getMessage()) + ")", e);
        }
    }

    /** Tries every address the host resolves to (e.g. ::1 then 127.0.0.1 for localhost), like browsers do. */
    /**
     * Line mode (pairs with tcp-server --lines): sends each line as typed, no greeting, half-closes at EOF and waits
     * for the server to close. Returns the number of lines sent; {@code config.file()} is not used.
     */
    public long sendLines(java.io.BufferedReader lines) throws IOException {
        try (Socket s = connect(false)) {
            config.log().accept("Connected to " + Text.address(s.getRemoteSocketAddress()) + " from "
                    + Text.address(s.getLocalSocketAddress()) + "; each line is sent as typed, end with Ctrl-D");
            s.setSoTimeout(timeoutMillis(config.idleTimeout()));
            OutputStream out = s.getOutputStream();
            long sent = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                // One flush per line: the point of the exercise is to watch each line cross the network.
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent++;
            }
            s.shutdownOutput();
            config.log().accept("Sent " + sent + " lines");
            awaitClose(new BufferedInputStream(s.getInputStream(), 8192));
            return sent;
        }
    }

    /**
     * withChannel: a socket of a {@link SocketChannel}, whose streams still honour SO_TIMEOUT for the protocol's lines
     * while a big file goes through the channel itself; a plain Socket otherwise, whose start-up loads fewer classes.
     */
    private Socket connect(boolean withChannel) throws IOException {
        String host = hostLiteral(config.host());
        if (host.isBlank()) throw new TcpException("no host given");
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new TcpException("unknown host: " + config.host(), e);
        } catch (SecurityException | IllegalArgumentException e) {
            throw new TcpException("invalid host: " + config.host(), e);
        }
        TcpException last = null;
        for (InetAddress a : addresses) {
            InetSocketAddress target = new InetSocketAddress(a, config.port());
            Socket s = withChannel ? SocketChannel.open().socket() : new Socket();
            try {
                s.connect(target, timeoutMillis(config.connectTimeout()));
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                last = new TcpException("cannot connect to " + Text.address(target) + ": " + connectFailure(e), e);
            }
        }
        throw last != null ? last : new TcpException("unknown host: " + config.host());
    }

    private String connectFailure(IOException e) {
        if (e instanceof SocketTimeoutException) return "no answer within " + Text.duration(config.connectTimeout());
        if (e instanceof NoRouteToHostException) return "no route to host";
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (e instanceof ConnectException && msg.contains("refused")) return "connection refused (is the server running?)";
        return Text.lower(e.getMessage());
    }

    /**
     * Streams exactly size bytes of the file, hashing as it goes; a watchdog catches a server that stops reading.
     * A big file goes file channel → direct buffer → socket channel, hashed on a second thread from the very buffers
     * that were sent (see {@link BufferRing}); a small one, or one beyond {@link PipelineBuffers}' few pipelines,
     * through a heap array on this thread.
     */
    private String upload(Socket s, OutputStream out, Path file, long size) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        long sent = 0;
        // Socket writes have no timeout of their own: a peer with a full receive window would block us forever.
        try (Watchdog dog = new Watchdog(s, config.idleTimeout());
             PipelineBuffers.Lease buffers = s.getChannel() != null ? PipelineBuffers.take() : null) {
            try {
                if (buffers != null) {
                    sent = BufferRing.onPlatformThread("client-send", () -> pipelined(s.getChannel(), buffers, file, size, sha, dog));
                } else {
                    byte[] buf = new byte[Defaults.bufferFor(size)];
                    try (InputStream fin = Files.newInputStream(file)) {
                        while (sent < size) {
                            int n = fin.read(buf, 0, (int) Math.min(buf.length, size - sent));
                            if (n < 0) throw shrank(file);
                            sha.update(buf, 0, n);
                            out.write(buf, 0, n);
                            sent += n;
                            dog.touch();
                            config.progress().update(sent, size);
                        }
                    }
                    out.flush();
                }
            } catch (SocketException | ClosedChannelException e) {
                throw lost(e, dog, sent, size);
            }
        } finally {
            config.progress().finish();
        }
        return Sha256.hex(sha);
    }

    /** The big file's way (see {@link #upload}); returns the bytes sent. */
    private long pipelined(SocketChannel out, PipelineBuffers.Lease buffers, Path file, long size, MessageDigest sha,
                           Watchdog dog) throws IOException {
        long sent = 0;
        try (FileChannel fin = FileChannel.open(file);
             BufferRing ring = new BufferRing(buffers.buffers(), "client-hash", sha::update)) {
            while (sent < size) {
                ByteBuffer b = ring.next();
                b.limit((int) Math.min(b.capacity(), size - sent));
                while (b.hasRemaining()) {
                    if (fin.read(b) < 0) throw shrank(file);
                }
                b.flip();
                try {
                    while (b.hasRemaining()) {
                        out.write(b);
                        dog.touch();
                    }
                } catch (SocketException | ClosedChannelException e) {
                    throw lost(e, dog, sent, size);
                } catch (IOException e) {
                    // a channel's reset or broken pipe is a plain IOException
                    throw lost(new SocketException(e.getMessage()), dog, sent, size);
                }
                ring.submit(b.rewind());
                sent += b.limit();
                config.progress().update(sent, size);
            }
            ring.finish();
        }
        return sent;
    }

    private static TcpException shrank(Path file) {
        return new TcpException("file " + file + " shrank while it was being sent");
    }

    /** The upload's connection failed: the watchdog's doing, the server's close, or the network's. */
    private TcpException lost(IOException e, Watchdog dog, long sent, long size) {
        if (dog.fired()) {
            return new TcpException("server stopped reading for " + Text.duration(config.idleTimeout())
                    + " after " + sent + " of " + size + " bytes", e);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        String what = msg.contains("reset") || msg.contains("broken pipe") ? "connection closed by server"
                : "network error (" + Text.lower(e.getMessage()) + ")";
        return new TcpException(what + " after sending " + sent + " of " + size + " bytes", e);
    }

    private String readLine(InputStream in, String what, String hint) throws IOException {
        String line;
        try {
            line = Protocol.readLine(in);
        } catch (SocketTimeoutException e) {
            throw new TcpException("no " + what.substring(what.indexOf(' ') + 1) + " from server within "
                    + Text.duration(config.idleTimeout()) + hint, e);
        } catch (SocketException e) {
            throw new TcpException("connection lost while waiting for " + what + " from server ("
                    + Text.lower(e.getMessage()) + ")", e);
        }
        if (line == null) throw new TcpException("server closed the connection instead of sending " + what);
        return line;
    }

    /** Raw mode: the server's close is our only receipt; wait for it, but not forever. */
    private void awaitClose(InputStream in) throws IOException {
        long deadline = System.nanoTime() + config.idleTimeout().toNanos();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                // Whatever a raw peer says back (an ERROR line from a non-raw server, say) is worth showing.
                said.write(buf, 0, Math.min(n, Math.max(0, Protocol.MAX_LINE - said.size())));
                if (System.nanoTime() > deadline) throw new SocketTimeoutException();
            }
        } catch (SocketTimeoutException e) {
            throw new TcpException("server did not close the connection within "
                    + Text.duration(config.idleTimeout()) + " after the upload", e);
        } catch (SocketException e) {
            throw new TcpException("connection closed by server without a clean close after the upload ("
                    + Text.lower(e.getMessage()) + "); it may not have saved the file", e);
        } finally {
            if (said.size() > 0) {
                config.log().accept("Server sent: " + Protocol.printable(said.toString(StandardCharsets.UTF_8).strip()));
            }
        }
        config.log().accept("Server closed the connection");
    }

    /** "[::1]" → "::1": users copy IPv6 addresses from URLs. */
    static String hostLiteral(String host) {
        String h = host.strip();
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) return h.substring(1, h.length() - 1);
        return h;
    }

    private static int timeoutMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
