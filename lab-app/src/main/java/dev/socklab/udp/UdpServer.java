package dev.socklab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** The lab's UDP server: prints every datagram with its sender, optionally answers it, optionally collects files. */
public final class UdpServer implements AutoCloseable {

    /**
     * What to serve.
     *
     * @param port        0 picks a free port (see {@link #start()})
     * @param mode        print, echo or upper
     * @param receiveDir  where received files go; null: no file reception, file datagrams are printed like any other
     * @param idleTimeout how long a file transfer may stay silent before it is reported as it stands
     * @param log         receives each output line (the CLI prints and flushes them)
     */
    public record Config(int port, Mode mode, Path receiveDir, Duration idleTimeout, Consumer<String> log) {
        public Config {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(log, "log");
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
        }

        public static Config of(int port, Mode mode, Consumer<String> log) {
            return new Config(port, mode, null, Defaults.IDLE_TIMEOUT, log);
        }
    }

    /** How often the receive loop wakes up to expire idle transfers. */
    private static final int TICK_MILLIS = 100;

    private final Config config;
    private volatile DatagramSocket socket;
    private volatile boolean closed;
    private FileReceiver files;
    private Thread loop;

    public UdpServer(Config config) {
        this.config = config;
    }

    /** Binds, prints "UDP server is listening on port : N" and serves in the background; returns the bound port. */
    public synchronized int start() throws IOException {
        if (socket != null) throw new IllegalStateException("already started");
        if (config.receiveDir() != null) files = new FileReceiver(config.receiveDir(), config.idleTimeout(), config.log());
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(config.port()));
            // A bigger buffer absorbs bursts while this thread prints; the kernel caps it at net.core.rmem_max.
            s.setReceiveBufferSize(Defaults.RECEIVE_BUFFER);
            s.setSoTimeout(TICK_MILLIS);
        } catch (IOException e) {
            s.close();
            throw bindFailure(config.port(), e);
        }
        socket = s;
        config.log().accept("UDP server is listening on port : " + s.getLocalPort());
        if (files != null) config.log().accept("Receiving files into " + files.target().getParent());
        loop = Thread.ofPlatform().name("udp-server").daemon(true).start(this::serve);
        return s.getLocalPort();
    }

    public int port() {
        DatagramSocket s = socket;
        if (s == null) throw new IllegalStateException("not started");
        return s.getLocalPort();
    }

    /** Blocks until {@link #close()} has stopped the server. */
    public void awaitClosed() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null) t.join();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        DatagramSocket s = socket;
        if (s != null) s.close();
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void serve() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            while (!closed) {
                p.setLength(buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException tick) {
                    if (files != null) files.expire(System.nanoTime());
                    continue;
                } catch (IOException e) {
                    if (closed) return;
                    config.log().accept("Receive failed: " + e.getMessage());
                    continue;
                }
                handle(p);
                if (files != null) files.expire(System.nanoTime());
            }
        } finally {
            // Pending transfers are reported, not silently dropped, when the server stops.
            if (files != null) files.finishAll();
        }
    }

    private void handle(DatagramPacket p) {
        String sender = Format.address(p.getSocketAddress());
        if (files != null && Datagram.hasMagic(p.getData(), p.getOffset(), p.getLength())) {
            try {
                files.accept(Datagram.decode(p.getData(), p.getOffset(), p.getLength()), sender, System.nanoTime());
                return;
            } catch (Datagram.FormatException e) {
                config.log().accept(sender + " -> invalid file datagram: " + e.getMessage());
                return;
            }
        }
        config.log().accept(sender + " -> " + Format.printable(p.getData(), p.getOffset(), p.getLength()));
        byte[] reply = config.mode().reply(p.getData(), p.getOffset(), p.getLength());
        if (reply == null) return;
        try {
            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
            if (!closed) config.log().accept("Reply to " + sender + " failed: " + e.getMessage());
        }
    }

    static UdpException bindFailure(int port, IOException e) {
        String where = "cannot bind UDP port " + port + ": ";
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase();
        if (msg.contains("already in use")) return new UdpException(where + "address already in use", e);
        if (msg.contains("permission denied") || msg.contains("access denied")) {
            return new UdpException(where + "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)", e);
        }
        return new UdpException(where + (e.getMessage() == null ? "(no detail)" : e.getMessage()), e);
    }

    static boolean isClosedSocket(SocketException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase().contains("closed");
    }
}
