package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files big enough for both sides' second hashing thread ({@link Receiver#PIPELINE_MIN}), whose bytes go through
 * socket channels: same verdicts, same bytes, and a stalled or vanished client still never holds the server.
 */
@Timeout(30)
class PipelinedTransferTest {
    private static final int BIG = (int) Receiver.PIPELINE_MIN + 12_345;   // not a whole number of buffers

    @TempDir
    Path dir;

    private final Log serverLog = new Log();
    private TcpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private int startServer(Duration idle) throws IOException {
        server = new TcpServer(new TcpServer.Config(0, dir.resolve("out"), false, idle, serverLog));
        return server.start();
    }

    private static byte[] data(int size) {
        byte[] data = new byte[size];
        new SplittableRandom(7).nextBytes(data);
        return data;
    }

    private List<String> outDirFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBigFileIsVerifiedAndStoredByteForByte() throws Exception {
        Path src = Files.write(dir.resolve("big.bin"), data(BIG));
        int port = startServer(Duration.ofSeconds(10));
        TcpClient.Result r = new TcpClient(new TcpClient.Config("127.0.0.1", port, src, false, Duration.ofSeconds(5),
                Duration.ofSeconds(10), l -> {}, TcpClient.Progress.NONE)).send();
        assertTrue(r.verified(), String.valueOf(r.problem()));
        assertEquals(Sha256.ofFile(src), r.sha256());
        assertEquals(Sha256.ofFile(src), Sha256.ofFile(server.target()));
    }

    /** The bytes that arrived with the greeting are in the server's line buffer, not in the socket any more. */
    @Test
    void bytesSentWithTheGreetingAreNotLost() throws Exception {
        byte[] data = data(BIG);
        Path src = Files.write(dir.resolve("big.bin"), data);
        int port = startServer(Duration.ofSeconds(10));
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] hello = ("HELLO socklab-client size=" + data.length + " name=big.bin\n").getBytes(StandardCharsets.US_ASCII);
            byte[] first = new byte[hello.length + 3000];
            System.arraycopy(hello, 0, first, 0, hello.length);
            System.arraycopy(data, 0, first, hello.length, 3000);
            OutputStream o = s.getOutputStream();
            o.write(first);   // one segment: greeting and the file's first bytes
            o.write(data, 3000, data.length - 3000);
            s.shutdownOutput();
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
            assertEquals("OK size=" + data.length + " sha256=" + Sha256.ofFile(src), Protocol.readLine(in));
        }
        assertArrayEquals(data, Files.readAllBytes(server.target()));
    }

    /** Announces a big file on s, reads the server's greeting and sends its first 3 MiB (pipelined from there). */
    private static void sendPartOfABigFile(Socket s) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(("HELLO socklab-client size=" + BIG + " name=big.bin\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(s.getInputStream());
        assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
        o.write(new byte[3 * 1024 * 1024]);
        o.flush();
    }

    @Test
    void aClientThatStallsMidFileIsDroppedAndNothingIsSaved() throws Exception {
        int port = startServer(Duration.ofMillis(500));
        try (Socket s = new Socket("127.0.0.1", port)) {
            sendPartOfABigFile(s);
            // then silence, connection open: only the server's own deadline can end this
            String failed = serverLog.await(l -> l.startsWith("Transfer from "), Duration.ofSeconds(10));
            assertTrue(failed.matches(".* failed: no data from client for 500 ms after \\d+ of " + BIG
                    + " bytes; nothing saved"), failed);
        }
        assertEquals(List.of(), outDirFiles());
    }

    @Test
    void aClientThatResetsMidFileIsReportedAndNothingIsSaved() throws Exception {
        int port = startServer(Duration.ofSeconds(10));
        try (Socket s = new Socket("127.0.0.1", port)) {
            sendPartOfABigFile(s);
            s.setSoLinger(true, 0);   // close sends RST: an aborted upload
        }
        String failed = serverLog.await(l -> l.startsWith("Transfer from "), Duration.ofSeconds(10));
        assertTrue(failed.matches(".* failed: connection reset by client after \\d+ of " + BIG
                + " bytes; nothing saved"), failed);
        assertEquals(List.of(), outDirFiles());
    }

    @Test
    void closingTheServerMidFileDropsTheClientAndDeletesItsTempFile() throws Exception {
        int port = startServer(Duration.ofSeconds(10));
        try (Socket s = new Socket("127.0.0.1", port)) {
            sendPartOfABigFile(s);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (outDirFiles().isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
            server.close();
        }
        String failed = serverLog.await(l -> l.startsWith("Transfer from "), Duration.ofSeconds(5));
        assertTrue(failed.matches(".* failed: server shutting down after \\d+ of " + BIG + " bytes; nothing saved"), failed);
        assertEquals(List.of(), outDirFiles());
    }

    @Test
    void aServerThatResetsMidFileIsReportedByTheClient() throws Exception {
        Path src = Files.write(dir.resolve("big.bin"), data(64 * 1024 * 1024));   // more than both socket buffers
        try (ServerSocket rude = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = rude.accept()) {
                    s.getInputStream().readNBytes(1024 * 1024);
                    s.setSoLinger(true, 0);   // close sends RST
                } catch (IOException ignored) {
                    // the test fails on the client's side if this goes wrong
                }
            });
            TcpClient client = new TcpClient(new TcpClient.Config("127.0.0.1", rude.getLocalPort(), src, true,
                    Duration.ofSeconds(5), Duration.ofSeconds(10), l -> {}, TcpClient.Progress.NONE));
            TcpException e = assertThrows(TcpException.class, client::send);
            assertTrue(e.getMessage().matches("connection closed by server after sending \\d+ of 67108864 bytes"),
                    e.getMessage());
        }
    }
}
