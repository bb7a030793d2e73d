package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer broken in the middle, for real: the client killed, the server killed and restarted, the router
 * stopped, the server's disk full. Whatever breaks, no recv.txt comes from the broken transfer, no temp file
 * stays behind, and the client says it failed within a bounded time. The router forwards at 16 Mbit/s, so
 * a 24 MiB transfer takes about 12 s: time to break it.
 */
@RequiresDocker
@Timeout(180)
class TransferFaultsIT {
    private static final String RATE = "16mbit";
    private static final Duration TIMEOUT = Duration.ofSeconds(4);   // the client's --timeout, the server's --idle-timeout
    private static final Duration BOUND = Duration.ofSeconds(30);    // how long any side may take to notice

    @TempDir
    Path tmp;

    private TwoHostLab<ServerContainer> lab;
    private ClientContainer client;

    @AfterEach
    void tearDown() {
        if (client != null) client.stop();
        if (lab != null) lab.close();
    }

    private Path bigFile() throws Exception {
        byte[] data = new byte[24 * 1024 * 1024];
        new Random(1).nextBytes(data);
        return Files.write(tmp.resolve("big.bin"), data);
    }

    /** Starts a slow transfer and returns once the server has written part of it into its temp file. */
    private void startTransferAndWaitUntilHalfway() throws Exception {
        lab = TwoHostLab.start(RATE, s -> s.withIdleTimeout(TIMEOUT));
        client = lab.client().sending(bigFile()).withTimeout(TIMEOUT).inBackground();
        client.start();
        awaitTrue(() -> tempFileBytes(lab.server().hostOutputFolder()) > 1024 * 1024, "the server is receiving");
    }

    @Test
    void clientKilledMidTransferLeavesNothingAndTheServerServesTheNext() throws Exception {
        startTransferAndWaitUntilHalfway();
        Engine.signalAndWait(client.getContainerId(), "SIGKILL", 30);

        awaitTrue(() -> lab.server().getLogs().contains("; nothing saved"), "the server gives up on the dead client");
        assertEquals(List.of(), lab.server().outputFolder(), "no recv.txt, no temp file");

        Path small = Files.writeString(tmp.resolve("next.txt"), "the next client is served\n");
        ClientContainer.Run next = lab.client().sending(small).run();
        assertEquals(0, next.exitCode(), next.output());
        assertArrayEquals(Files.readAllBytes(small), lab.server().received());
    }

    @Test
    void serverKilledMidTransferFailsTheClientAndLeavesNothingAfterRestart() throws Exception {
        startTransferAndWaitUntilHalfway();
        Engine.signalAndWait(lab.server().getContainerId(), "SIGKILL", 30);
        assertTrue(hasTempFile(lab.server().hostOutputFolder()), "a killed server cannot clean up: the restart must");

        int exit = client.awaitExit(BOUND);
        assertNotEquals(0, exit, "the client must not report success:\n" + client.getLogs());
        assertTrue(client.getLogs().contains("tcp-client: "), "one line saying why:\n" + client.getLogs());

        lab.server().restart(BOUND);
        assertEquals(List.of(), lab.server().outputFolder(), "the restarted server swept the temp file; no recv.txt");
    }

    @Test
    void routerStoppedMidTransferFailsBothSidesAndLeavesNothing() throws Exception {
        startTransferAndWaitUntilHalfway();
        lab.router().stop();

        int exit = client.awaitExit(BOUND);
        assertNotEquals(0, exit, "the client must not report success:\n" + client.getLogs());
        awaitTrue(() -> lab.server().getLogs().contains("; nothing saved"), "the server gives up on the cut-off client");
        assertEquals(List.of(), lab.server().outputFolder(), "no recv.txt, no temp file");
    }

    @Test
    void fullDiskIsRefusedWithAReasonAndLeavesNoPartialFile() throws Exception {
        lab = TwoHostLab.start(null, s -> s.withDiskOfSize("1m"));
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(2).nextBytes(data);
        ClientContainer.Run run = lab.client().sending(Files.write(tmp.resolve("3mib.bin"), data)).run();

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("tcp-client: server refused the transfer: cannot store the file: no space left on device"),
                run.output());
        assertEquals(List.of(), lab.server().outputFolder(), "no recv.txt, no temp file on the full disk");
    }

    private static long tempFileBytes(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).mapToLong(p -> p.toFile().length()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean hasTempFile(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what);
            Thread.sleep(100);
        }
    }
}
