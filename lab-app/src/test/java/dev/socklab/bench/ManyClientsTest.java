package dev.socklab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.tcp.TcpServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bench's client side on loopback: many verified clients, the classroom loop, the UDP ladder. */
@Timeout(30)
class ManyClientsTest {
    @TempDir
    Path dir;

    @Test
    void twentyClientsAtOnceEachWithItsOwnFileAreAllVerifiedByTheServer() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, dir.resolve("out"), false,
                Duration.ofSeconds(10), log::add))) {
            int port = server.start();
            ManyClients.Result r = new ManyClients("127.0.0.1", port).sendDistinct(20, 16_384, dir.resolve("files"));
            assertEquals(20, r.verified(), () -> "errors: " + r.errors());
            assertEquals(20 * 16_384L, r.bytesTotal());
            assertEquals(20, log.stream().filter(l -> l.startsWith("File has been copied successfully")).count());
            // Distinct content: twenty different SHA-256 sums were confirmed.
            assertEquals(20, log.stream().filter(l -> l.startsWith("File has been copied successfully"))
                    .map(l -> l.replaceAll(".*sha256 ([0-9a-f]{64}).*", "$1")).distinct().count());
        }
        try (var left = Files.list(dir.resolve("files"))) {
            assertEquals(0, left.count(), "the generated files are deleted afterwards");
        }
    }

    @Test
    void clientsThatCannotConnectAreCountedAsFailedWithTheirReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ManyClients.Result r = new ManyClients("127.0.0.1", closedPort).sendDistinct(3, 100, dir.resolve("files"));
        assertEquals(0, r.verified());
        assertFalse(r.errors().isEmpty());
        assertTrue(r.errors().get(0).contains("connection refused"), r.errors().get(0));
    }

    @Test
    void theClassroomLoopCopiesTheFileByteForByte() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Path sent = Files.write(dir.resolve("sent.bin"), content);
        Path received = dir.resolve("received.bin");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int p = port;
        Thread server = Thread.ofVirtual().start(() -> {
            try {
                ClassroomCopy.receiveOne(p, received);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        double seconds = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                seconds = ClassroomCopy.send("127.0.0.1", port, sent);
                break;
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(20);
            }
        }
        server.join();
        assertTrue(seconds > 0);
        assertArrayEquals(content, Files.readAllBytes(received));
    }

    @Test
    void theUdpCounterCountsEachStepOfTheLadderSeparately() throws Exception {
        // Bound before the sender starts: the ladder's first datagrams have somewhere to go.
        java.net.DatagramSocket counter = UdpRate.bind(0);
        int port = counter.getLocalPort();
        var counted = new java.util.concurrent.CompletableFuture<List<UdpRate.Counted>>();
        Thread.ofVirtual().start(() -> {
            try (counter) {
                counted.complete(UdpRate.count(counter, Duration.ofMillis(500), Duration.ofSeconds(10)));
            } catch (Exception e) {
                counted.completeExceptionally(e);
            }
        });
        List<UdpRate.Sent> sent = UdpRate.send("127.0.0.1", port, 64, new long[] {2000, 4000}, Duration.ofMillis(200),
                Duration.ofMillis(50));
        List<UdpRate.Counted> got = counted.get();
        assertEquals(2, sent.size());
        assertEquals(2, got.size());
        // A slow, paced ladder on loopback loses nothing: every datagram of each step is counted under its step.
        for (int i = 0; i < 2; i++) {
            assertEquals(i, got.get(i).step());
            assertEquals(sent.get(i).datagrams(), got.get(i).datagrams());
            assertEquals(64 * sent.get(i).datagrams(), got.get(i).bytes());
        }
        assertTrue(sent.get(0).datagrams() >= 200 && sent.get(0).datagrams() <= 401, "paced at most 2000/s: " + sent.get(0));
    }
}
