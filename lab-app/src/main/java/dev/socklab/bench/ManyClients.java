package dev.socklab.bench;

import dev.socklab.tcp.Defaults;
import dev.socklab.tcp.TcpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** N lab clients (the real {@link TcpClient}) at once, each sending its own file; counts the server's verified receipts. */
public final class ManyClients {

    /** What happened: how many the server confirmed (size and SHA-256), how long it all took, the first few errors. */
    public record Result(int clients, int verified, long bytesEach, long bytesTotal, double seconds, List<String> errors) {
        public double gbitPerSecond() {
            return seconds <= 0 ? 0 : bytesTotal * 8 / seconds / 1e9;
        }
    }

    private static final int ERRORS_KEPT = 5;

    private final String host;
    private final int port;

    public ManyClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Writes one distinct file per client into dir (seeded random bytes: client i's file differs from every
     * other), sends them all at once and deletes them again.
     */
    public Result sendDistinct(int clients, int size, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(clients);
        try {
            byte[] content = new byte[size];
            for (int i = 0; i < clients; i++) {
                new SplittableRandom(0x50C4_1AB0L + i).nextBytes(content);
                Path f = dir.resolve("client-" + i + ".bin");
                try (OutputStream out = Files.newOutputStream(f)) {
                    out.write(content);
                }
                files.add(f);
            }
            return send(files);
        } finally {
            for (Path f : files) Files.deleteIfExists(f);
        }
    }

    /** Sends each file from its own client, all released at the same instant; the clock runs until the last receipt. */
    public Result send(List<Path> files) throws IOException, InterruptedException {
        long bytesEach = files.isEmpty() ? 0 : Files.size(files.get(0));
        long total = 0;
        for (Path f : files) total += Files.size(f);
        CountDownLatch ready = new CountDownLatch(files.size());
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger verified = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        long start;
        long end;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path f : files) {
                clients.execute(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        TcpClient.Config config = new TcpClient.Config(host, port, f, false, Defaults.CONNECT_TIMEOUT,
                                Defaults.IDLE_TIMEOUT, line -> {}, TcpClient.Progress.NONE);
                        TcpClient.Result r = new TcpClient(config).send();
                        if (r.verified()) verified.incrementAndGet();
                        else keep(errors, f.getFileName() + ": " + r.problem());
                    } catch (IOException | RuntimeException e) {
                        keep(errors, f.getFileName() + ": " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            ready.await();
            start = System.nanoTime();
            go.countDown();
        } // close() waits for every client
        end = System.nanoTime();
        return new Result(files.size(), verified.get(), bytesEach, total, (end - start) / 1e9, List.copyOf(errors));
    }

    private static void keep(List<String> errors, String error) {
        synchronized (errors) {
            if (errors.size() < ERRORS_KEPT) errors.add(error);
        }
    }
}
