package dev.socklab.udp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Collects file datagrams per transfer id and, when a transfer ends or goes idle, reports it and saves it if whole. */
public final class FileReceiver {

    private final Path dir;
    private final Path target;
    private final Duration idleTimeout;
    private final Consumer<String> log;
    private final Map<Integer, Transfer> transfers = new HashMap<>();
    // Late or repeated datagrams of a reported transfer must not start a bogus new one.
    private final Set<Integer> finished = new LinkedHashSet<>();

    public FileReceiver(Path dir, Duration idleTimeout, Consumer<String> log) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.target = this.dir.resolve(Defaults.RECEIVED_NAME);
        this.idleTimeout = idleTimeout;
        this.log = log;
        if (Files.exists(this.dir) && !Files.isDirectory(this.dir)) throw new UdpException("not a folder: " + this.dir);
        Files.createDirectories(this.dir);
    }

    public Path target() {
        return target;
    }

    /** Takes one decoded datagram; finishes the transfer at once when everything, END included, is in. */
    public void accept(Datagram d, String sender, long nowNanos) {
        if (finished.contains(d.transferId())) return;
        Transfer t = transfers.computeIfAbsent(d.transferId(), id -> {
            log.accept("Transfer " + hex(id) + " from " + sender + ": expecting " + d.total() + " datagrams");
            return new Transfer(id, sender, d.total());
        });
        t.lastSeen = nowNanos;
        if (d.total() != t.accounting.total()) {
            t.invalid++;
            return;
        }
        if (d.isEnd()) {
            if (t.sha256 == null) t.sha256 = d.sha256Hex();
            else t.endDuplicates++;
        } else if (t.accounting.record(d.sequence()) == LossAccounting.Arrival.NEW) {
            t.chunks.put(d.sequence(), d.data());
        }
        if (t.sha256 != null && t.accounting.complete()) finish(t, false);
    }

    /** Reports transfers silent for longer than the idle timeout; the server calls this regularly. */
    public void expire(long nowNanos) {
        for (Transfer t : transfers.values().toArray(Transfer[]::new)) {
            if (nowNanos - t.lastSeen >= idleTimeout.toNanos()) finish(t, true);
        }
    }

    /** On shutdown: report whatever is pending, so nothing vanishes silently. */
    public void finishAll() {
        for (Transfer t : transfers.values().toArray(Transfer[]::new)) finish(t, true);
    }

    private void finish(Transfer t, boolean idle) {
        transfers.remove(t.id);
        finished.add(t.id);
        if (finished.size() > 1000) {
            Iterator<Integer> oldest = finished.iterator();
            oldest.next();
            oldest.remove();
        }
        LossAccounting a = t.accounting;
        log.accept("Transfer " + hex(t.id) + " from " + t.sender + (idle ? " (idle " + Format.duration(idleTimeout) + ")" : "")
                + ": received " + a.received() + " of " + a.total() + ", lost " + a.lost()
                + ", duplicated " + a.duplicated() + ", out of order " + a.outOfOrder()
                + (t.invalid > 0 ? ", invalid " + t.invalid : "")
                + ", END " + (t.sha256 == null ? "lost" : "received"));
        if (!a.complete()) {
            log.accept("Lost sequence numbers: " + LossAccounting.ranges(a.lostSequences()));
            log.accept("Transfer " + hex(t.id) + " incomplete: nothing saved (UDP does not retransmit)");
            return;
        }
        String actual;
        try {
            actual = write(t);
        } catch (IOException e) {
            log.accept("Transfer " + hex(t.id) + " not saved: " + e.getMessage());
            return;
        }
        if (t.sha256 == null) {
            log.accept("SHA-256 not verified (END datagram lost): " + actual + "; saved unverified -> " + target);
        } else if (t.sha256.equals(actual)) {
            log.accept("SHA-256 matches (" + actual + ") -> " + target);
        } else {
            log.accept("SHA-256 MISMATCH: sent " + t.sha256 + ", got " + actual + "; nothing saved");
            try {
                Files.deleteIfExists(t.temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Writes the chunks to a temp file and returns its digest; renamed into place only when the digest allows. */
    private String write(Transfer t) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        t.temp = Files.createTempFile(dir, "." + Defaults.RECEIVED_NAME + ".", ".part");
        try (OutputStream out = Files.newOutputStream(t.temp)) {
            for (int i = 0; i < t.accounting.total(); i++) {
                byte[] c = t.chunks.get(i);
                out.write(c);
                digest.update(c);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (t.sha256 == null || t.sha256.equals(actual)) {
            Files.move(t.temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return actual;
    }

    static String hex(int id) {
        return String.format("%08x", id);
    }

    /** One transfer in progress. */
    private static final class Transfer {
        final int id;
        final String sender;
        final LossAccounting accounting;
        final Map<Integer, byte[]> chunks = new HashMap<>();
        String sha256;
        int endDuplicates;
        int invalid;
        long lastSeen;
        Path temp;

        Transfer(int id, String sender, int total) {
            this.id = id;
            this.sender = sender;
            this.accounting = new LossAccounting(total);
        }
    }
}
