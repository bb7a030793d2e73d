package dev.socklab.udp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/** The lab's UDP client: one message with a reply, a numbered sequence, lines from stdin, or a file in chunks. */
public final class UdpClient implements AutoCloseable {

    /**
     * Where to send.
     *
     * @param host     server address or name
     * @param port     server port, 1..65535
     * @param bindPort local port to send from; 0 lets the kernel choose
     * @param timeout  how long to wait for a reply to a message
     * @param log      receives each output line
     */
    public record Config(String host, int port, int bindPort, Duration timeout, Consumer<String> log) {
        public Config {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(log, "log");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("server port must be 1..65535, got " + port);
            if (bindPort < 0 || bindPort > 65535) throw new IllegalArgumentException("bind port must be 0..65535");
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }
    }

    /** A reply and who sent it. */
    public record Reply(String from, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** What a file transfer sent. */
    public record FileResult(int transferId, long bytes, int datagrams, int dropped, String sha256) {}

    private final Config config;
    private final InetSocketAddress server;
    private final DatagramSocket socket;

    /** Resolves the host (UnknownHostException) and binds the local port (UdpException when busy). */
    public UdpClient(Config config) throws IOException {
        this.config = config;
        InetAddress address = InetAddress.getByName(config.host());
        this.server = new InetSocketAddress(address, config.port());
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.bind(new InetSocketAddress(config.bindPort()));
        } catch (IOException e) {
            s.close();
            throw UdpServer.bindFailure(config.bindPort(), e);
        }
        // Deliberately not connect()ed: a connected socket turns an ICMP "port unreachable" into an exception on
        // some systems and not others; unconnected, "no reply" behaves the same everywhere, as UDP promises.
        this.socket = s;
    }

    /** The local port datagrams leave from. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public String serverAddress() {
        return Format.address(server);
    }

    /** Sends one message and waits up to the timeout for one reply; empty when none came. */
    public Optional<Reply> request(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
        return receive(config.timeout());
    }

    /**
     * Sends the numbers as text, one datagram each, "sent N" per line.
     *
     * @param loop  start over after the end
     * @param count stop after this many datagrams; 0 means the range once, or forever with loop
     */
    public long sendSequence(Sequence seq, boolean loop, long count, Duration interval) throws IOException {
        long sent = 0;
        long next = seq.from();
        while ((count == 0 || sent < count) && !Thread.currentThread().isInterrupted()) {
            if (sent > 0) sleep(interval);
            send(Long.toString(next).getBytes(StandardCharsets.US_ASCII));
            sent++;
            config.log().accept("sent " + next);
            if (next == seq.to()) {
                if (!loop) break;
                next = seq.from();
            } else {
                next++;
            }
        }
        return sent;
    }

    /** Each line read is one datagram; replies are printed as they arrive, until EOF plus a short linger. */
    public long sendLines(BufferedReader in) throws IOException {
        Thread listener = Thread.ofVirtual().name("udp-client-replies").start(this::printReplies);
        long sent = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                send(line.getBytes(StandardCharsets.UTF_8));
                sent++;
            }
            // Replies to the last lines may still be on their way.
            listener.join(Defaults.STDIN_LINGER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
            listener.interrupt();
        }
        return sent;
    }

    private void printReplies() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                config.log().accept("Reply from " + Format.address(p.getSocketAddress()) + ": "
                        + Format.printable(p.getData(), p.getOffset(), p.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Sends a file as numbered chunks then an END datagram carrying its SHA-256, paced at {@code rate} datagrams per
     * second. {@code drop} is a test hook simulating loss: chunk numbers it accepts are not sent.
     */
    public FileResult sendFile(Path file, int chunk, int rate, IntPredicate drop) throws IOException {
        if (chunk < 1 || chunk > Defaults.MAX_PAYLOAD - Datagram.HEADER_SIZE) {
            throw new UdpException("chunk must be 1.." + (Defaults.MAX_PAYLOAD - Datagram.HEADER_SIZE) + " bytes");
        }
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        long size = Files.size(file);
        long chunks = (size + chunk - 1) / chunk;
        if (chunks > Integer.MAX_VALUE) throw new UdpException("file too large for " + chunk + "-byte chunks");
        int total = (int) chunks;
        int id = ThreadLocalRandom.current().nextInt();
        MessageDigest digest = sha256();
        long gapNanos = rate <= 0 ? 0 : 1_000_000_000L / rate;
        long due = System.nanoTime();
        int dropped = 0;
        config.log().accept("Sending " + file.getFileName() + " (" + size + " bytes) as " + total + " datagrams of "
                + chunk + " bytes, transfer " + FileReceiver.hex(id) + ", to " + serverAddress());
        try (InputStream in = Files.newInputStream(file)) {
            for (int seq = 0; seq < total; seq++) {
                byte[] data = in.readNBytes((int) Math.min(chunk, size - (long) seq * chunk));
                digest.update(data);
                if (drop != null && drop.test(seq)) {
                    dropped++;
                    continue;
                }
                due = pace(due, gapNanos);
                send(Datagram.chunk(id, seq, total, data).encode());
            }
        }
        byte[] sha = digest.digest();
        pace(due, gapNanos);
        send(Datagram.end(id, total, sha).encode());
        String hex = java.util.HexFormat.of().formatHex(sha);
        config.log().accept("Sent " + (total - dropped) + " datagrams + END (sha256 " + hex + ")"
                + (dropped > 0 ? "; dropped " + dropped + " on purpose" : "")
                + "; UDP gives no confirmation: see the server's report");
        return new FileResult(id, size, total - dropped, dropped, hex);
    }

    /** Waits until the datagram's slot; busy-parks so pacing is finer than the 1 ms a sleep can do. */
    private static long pace(long due, long gapNanos) {
        if (gapNanos == 0) return due;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
        // Never "catch up" with a burst after a stall: the burst is what overflows buffers.
        return Math.max(due, System.nanoTime() - gapNanos) + gapNanos;
    }

    private Optional<Reply> receive(Duration timeout) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(Math.toIntExact(Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()))));
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        byte[] data = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
        return Optional.of(new Reply(Format.address(p.getSocketAddress()), data));
    }

    private void send(byte[] data) throws IOException {
        if (data.length > Defaults.MAX_PAYLOAD) {
            throw new UdpException("datagram too large: " + data.length + " bytes (UDP over IPv4 carries at most "
                    + Defaults.MAX_PAYLOAD + ")");
        }
        try {
            socket.send(new DatagramPacket(data, data.length, server));
        } catch (SocketException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.toLowerCase().contains("message too long")) {
                throw new UdpException("datagram too large: " + data.length + " bytes (" + msg + ")", e);
            }
            throw e;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
