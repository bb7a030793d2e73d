package dev.socklab.bench;

import dev.socklab.udp.Defaults;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP rate ladder: the sender sends steps of datagrams at given rates (0 = as fast as it can), each datagram
 * tagged with its step; the counter on the far side counts what arrived per step. Loss = sent - counted.
 */
public final class UdpRate {
    /** Tag (step number) and sequence number lead every datagram. */
    public static final int HEADER = 16;

    /** One step as the sender saw it. */
    public record Sent(int step, int size, long targetRate, long datagrams, double seconds) {
        public double rate() {
            return seconds <= 0 ? 0 : datagrams / seconds;
        }
    }

    /** One step as the counter saw it. */
    public record Counted(int step, long datagrams, long bytes, double seconds) {}

    private UdpRate() {}

    /** Sends each rate for duration, pausing between steps so the receiver drains; returns what was sent. */
    public static List<Sent> send(String host, int port, int size, long[] rates, Duration duration, Duration pause)
            throws IOException {
        if (size < HEADER || size > Defaults.MAX_PAYLOAD) {
            throw new IllegalArgumentException("size must be " + HEADER + ".." + Defaults.MAX_PAYLOAD + " bytes");
        }
        List<Sent> out = new ArrayList<>();
        byte[] buf = new byte[size];
        ByteBuffer header = ByteBuffer.wrap(buf);
        try (DatagramSocket socket = new DatagramSocket()) {
            DatagramPacket p = new DatagramPacket(buf, size, new InetSocketAddress(host, port));
            for (int step = 0; step < rates.length; step++) {
                long rate = rates[step];
                long sent = 0;
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                for (long now = start; now < end; now = System.nanoTime()) {
                    if (rate > 0) {
                        // Credit-based pacing: never more than rate * elapsed, so the average is exact even though
                        // a park can oversleep; bursts after an oversleep are at most a few datagrams.
                        long due = (now - start) * rate / 1_000_000_000L;
                        if (sent >= due) {
                            if ((sent + 1 - due) * 1_000_000_000L / rate > 50_000) LockSupport.parkNanos(20_000);
                            else Thread.onSpinWait();
                            continue;
                        }
                    }
                    header.putLong(0, step).putLong(8, sent);
                    socket.send(p);
                    sent++;
                }
                out.add(new Sent(step, size, rate, sent, (System.nanoTime() - start) / 1e9));
                LockSupport.parkNanos(pause.toNanos());
            }
        }
        return out;
    }

    /**
     * Counts tagged datagrams on port until none has come for quiet (after the first), or none at all within
     * startTimeout.
     */
    public static List<Counted> count(int port, Duration quiet, Duration startTimeout) throws IOException {
        try (DatagramSocket socket = bind(port)) {
            return count(socket, quiet, startTimeout);
        }
    }

    /** The counter's socket, set up like the lab's udp-server: the default 4 MiB receive buffer request. */
    public static DatagramSocket bind(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(new InetSocketAddress(port));
            socket.setReceiveBufferSize(Defaults.RECEIVE_BUFFER);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Counts on a socket already bound, so a sender may start the moment bind returns. */
    public static List<Counted> count(DatagramSocket socket, Duration quiet, Duration startTimeout) throws IOException {
        Map<Integer, long[]> steps = new TreeMap<>(); // step -> datagrams, bytes, first ns, last ns
        socket.setSoTimeout(100);
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        ByteBuffer header = ByteBuffer.wrap(buf);
        long started = System.nanoTime();
        long last = 0;
        while (true) {
            p.setLength(buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException tick) {
                long now = System.nanoTime();
                if (last == 0 ? now - started > startTimeout.toNanos() : now - last > quiet.toNanos()) break;
                continue;
            }
            long now = System.nanoTime();
            last = now;
            if (p.getLength() < HEADER) continue;
            long[] s = steps.computeIfAbsent((int) header.getLong(0), k -> new long[] {0, 0, now, now});
            s[0]++;
            s[1] += p.getLength();
            s[3] = now;
        }
        List<Counted> out = new ArrayList<>();
        steps.forEach((step, s) -> out.add(new Counted(step, s[0], s[1], (s[3] - s[2]) / 1e9)));
        return out;
    }
}
