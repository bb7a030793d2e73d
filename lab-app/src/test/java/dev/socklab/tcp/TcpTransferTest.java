package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class TcpTransferTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final Log serverLog = new Log();
    private final Log clientLog = new Log();
    private TcpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private Path out() {
        return dir.resolve("out");
    }

    private int startServer(boolean raw, Duration idle) throws IOException {
        return startServer(new TcpServer.Config(0, out(), raw, idle, serverLog));
    }

    private int startServer(TcpServer.Config config) throws IOException {
        server = new TcpServer(config);
        int port = server.start();
        assertEquals("Server is listening on port : " + port, serverLog.lines().get(0));
        return port;
    }

    private TcpClient.Result send(int port, Path file, boolean raw) throws IOException {
        return new TcpClient(new TcpClient.Config("127.0.0.1", port, file, raw, SHORT, SHORT, clientLog,
                TcpClient.Progress.NONE)).send();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private List<String> outDirFiles() throws IOException {
        try (Stream<Path> s = Files.list(out())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void textFileRoundTripIsVerified() throws Exception {
        int port = startServer(false, SHORT);
        byte[] text = "Hello, socklab!\nSecond line, ünïcödé.\n".getBytes(StandardCharsets.UTF_8);
        Path file = write("sample name.txt", text);

        TcpClient.Result r = send(port, file, false);

        assertTrue(r.verified(), r.problem());
        assertEquals(text.length, r.bytesSent());
        assertEquals(sha256(text), r.sha256());
        assertArrayEquals(text, Files.readAllBytes(out().resolve("recv.txt")));
        assertEquals(List.of("recv.txt"), outDirFiles());

        List<String> c = clientLog.lines();
        assertTrue(c.get(0).matches("Connected to 127\\.0\\.0\\.1:" + port + " from 127\\.0\\.0\\.1:\\d+"), c.get(0));
        assertEquals("Greeting: HELLO socklab-server ready", c.get(1));
        assertEquals("Sent " + text.length + " bytes (sha256 " + sha256(text) + ")", c.get(2));
        assertEquals("Server replied: OK size=" + text.length + " sha256=" + sha256(text), c.get(3));
        assertEquals("Verified: server stored " + text.length + " bytes, sha256 matches", c.get(4));

        serverLog.await("Server closed the connection");
        List<String> s = serverLog.lines();
        assertTrue(s.get(1).matches("Connection from 127\\.0\\.0\\.1:\\d+"), s.get(1));
        assertEquals("Greeting: HELLO socklab-client size=" + text.length + " name=sample name.txt", s.get(2));
        assertEquals("File has been copied successfully (" + text.length + " bytes, sha256 " + sha256(text) + ") -> "
                + out().resolve("recv.txt").toAbsolutePath(), s.get(3));
    }

    @Test
    void severalMebibytesOfBinaryArriveByteIdentical() throws Exception {
        int port = startServer(false, SHORT);
        byte[] data = new byte[6 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        Path file = write("random.bin", data);

        TcpClient.Result r = send(port, file, false);

        assertTrue(r.verified(), r.problem());
        assertEquals(new Protocol.Ok(data.length, sha256(data)), r.reply());
        assertArrayEquals(data, Files.readAllBytes(out().resolve("recv.txt")));
    }

    @Test
    void emptyFileIsAValidTransfer() throws Exception {
        int port = startServer(false, SHORT);
        TcpClient.Result r = send(port, write("empty", new byte[0]), false);
        assertTrue(r.verified(), r.problem());
        assertEquals(0, Files.size(out().resolve("recv.txt")));
    }

    @Test
    void ipv6LiteralInBracketsWorks() throws Exception {
        boolean ipv6 = false;
        try (Socket probe = new Socket()) {
            probe.bind(new java.net.InetSocketAddress(InetAddress.getByName("::1"), 0));
            ipv6 = true;
        } catch (IOException noIpv6) {
            // loopback without IPv6: skip below
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6, "no IPv6 loopback here");
        int port = startServer(false, SHORT);
        TcpClient.Result r = new TcpClient(new TcpClient.Config("[::1]", port, write("f", new byte[] {1, 2, 3}), false,
                SHORT, SHORT, clientLog, null)).send();
        assertTrue(r.verified(), r.problem());
        assertTrue(clientLog.lines().get(0).startsWith("Connected to [::1]:" + port + " from [::1]:"),
                clientLog.lines().get(0));
    }

    @Test
    void concurrentClientsAreAllServed() throws Exception {
        int port = startServer(false, SHORT);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] d = new byte[300_000 + i];
            new Random(i).nextBytes(d);
            files.add(write("f" + i, d));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TcpClient.Result>> results = new ArrayList<>();
            for (Path f : files) results.add(pool.submit(() -> send(port, f, false)));
            for (Future<TcpClient.Result> r : results) assertTrue(r.get().verified(), r.get().problem());
        }
        // Last complete one wins, but it is always one whole file, never a mix.
        byte[] saved = Files.readAllBytes(out().resolve("recv.txt"));
        boolean matchesOne = false;
        for (Path f : files) matchesOne |= java.util.Arrays.equals(saved, Files.readAllBytes(f));
        assertTrue(matchesOne);
        assertEquals(List.of("recv.txt"), outDirFiles());
    }

    @Test
    void rawModeOnBothSides() throws Exception {
        int port = startServer(true, SHORT);
        byte[] data = new byte[1_500_000];
        new Random(3).nextBytes(data);

        TcpClient.Result r = send(port, write("raw.bin", data), true);

        assertTrue(r.ok(), r.problem());
        assertNull(r.reply());
        assertFalse(r.verified(), "raw mode has nothing to verify with");
        assertEquals(Form.RAW, r.form());
        List<String> c = clientLog.lines();
        assertEquals("Server closed the connection", c.get(c.size() - 2));
        assertEquals("Not verified: the server confirmed nothing (raw form: no size, no SHA-256); all " + data.length
                + " bytes were sent and it closed cleanly", c.getLast());
        serverLog.await("File has been copied successfully (" + data.length + " bytes, sha256 " + sha256(data) + ")");
        assertArrayEquals(data, Files.readAllBytes(out().resolve("recv.txt")));
    }

    @Test
    void rawServerAcceptsAPlainSocketLikeNetcat() throws Exception {
        int port = startServer(true, SHORT);
        byte[] data = "just bytes, no protocol\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(data);
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "the raw server says nothing and closes");
        }
        serverLog.await("Server closed the connection");
        assertArrayEquals(data, Files.readAllBytes(out().resolve("recv.txt")));
    }

    @Test
    void rawServerIgnoresPortProbes() throws Exception {
        int port = startServer(true, SHORT);
        Files.writeString(out().resolve("recv.txt"), "previous upload");
        new Socket("127.0.0.1", port).close();
        serverLog.await("Transfer from ");
        assertEquals("previous upload", Files.readString(out().resolve("recv.txt")));
    }

    @Test
    void rawClientTalksToAPlainListenerLikeNcL() throws Exception {
        byte[] data = new byte[700_000];
        new Random(5).nextBytes(data);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> received = pool.submit(() -> {
                try (Socket s = listener.accept()) {
                    return s.getInputStream().readAllBytes();
                }
            });
            TcpClient.Result r = send(listener.getLocalPort(), write("x", data), true);
            assertTrue(r.ok(), r.problem());
            assertArrayEquals(data, received.get());
        }
    }

    @Test
    void interruptedTransferLeavesNothingAndServerKeepsServing() throws Exception {
        int port = startServer(false, SHORT);
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream o = s.getOutputStream();
            o.write("HELLO socklab-client size=4096 name=half.bin\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
            o.write(new byte[2048]);
            o.flush();
            // Wait until the server has the temp file open, so the test really covers its cleanup.
            waitFor(() -> outDirFiles().stream().anyMatch(n -> n.endsWith(".part")));
            s.shutdownOutput();
            assertEquals("ERROR incomplete: received 2048 of 4096 bytes", Protocol.readLine(in));
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.endsWith("failed: client closed after 2048 of 4096 bytes; nothing saved"), failed);
        assertEquals(List.of(), outDirFiles(), "no recv.txt and no temp file");

        TcpClient.Result next = send(port, write("ok.txt", "next one".getBytes()), false);
        assertTrue(next.verified(), next.problem());
        assertEquals("next one", Files.readString(out().resolve("recv.txt")));
    }

    @Test
    void rawClientThatResetsMidTransferSavesNothing() throws Exception {
        int port = startServer(true, SHORT);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(new byte[100_000]);
            s.getOutputStream().flush();
            waitFor(() -> outDirFiles().stream().anyMatch(n -> n.endsWith(".part")));
            s.setSoLinger(true, 0); // close now sends RST instead of FIN: an aborted upload
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.contains("connection reset by client") && failed.endsWith("; nothing saved"), failed);
        waitFor(() -> outDirFiles().isEmpty());
    }

    @Test
    void moreBytesThanAnnouncedIsRefused() throws Exception {
        int port = startServer(false, SHORT);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("HELLO socklab-client size=3 name=x\nabcdef".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
            assertEquals("ERROR more than the announced size=3 bytes", Protocol.readLine(in));
        }
        serverLog.await("Transfer from ");
        assertFalse(Files.exists(out().resolve("recv.txt")));
    }

    @Test
    void badGreetingGetsErrorAndCloseWhenOnlySocklabIsServed() throws Exception {
        int port = startServer(new TcpServer.Config(0, out(), false, SHORT, serverLog).withForm(Form.SOCKLAB));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("ERROR bad greeting", Protocol.readLine(in));
            assertEquals(-1, in.read());
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(new byte[5000]); // no newline within 1024 bytes
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("ERROR bad greeting", Protocol.readLine(in));
        }
        assertFalse(Files.exists(out().resolve("recv.txt")));
    }

    @Test
    void silentClientIsDroppedAfterIdleTimeout() throws Exception {
        int port = startServer(false, Duration.ofMillis(300));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            assertEquals(-1, s.getInputStream().read(), "server closes on the silent client");
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.contains("no data from client for 300 ms"), failed);
    }

    @Test
    void clientGivesUpOnSilentServer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpClient client = new TcpClient(new TcpClient.Config("127.0.0.1", silent.getLocalPort(),
                    write("f", new byte[10]), false, SHORT, Duration.ofMillis(300), clientLog, null));
            TcpException e = assertThrows(TcpException.class, client::send);
            assertEquals("server did not answer the greeting within 300 ms: a server that only receives until end of "
                    + "stream (nc -l, a recv-until-EOF program) needs --protocol raw", e.getMessage());
        }
    }

    @Test
    void clientGivesUpOnServerThatStopsReading() throws Exception {
        byte[] big = new byte[64 * 1024 * 1024]; // far more than both socket buffers hold
        try (ServerSocket stuck = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            stuck.setReceiveBufferSize(64 * 1024);
            TcpClient client = new TcpClient(new TcpClient.Config("127.0.0.1", stuck.getLocalPort(),
                    write("big", big), true, SHORT, Duration.ofMillis(500), clientLog, null));
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                pool.submit(() -> {
                    try (Socket s = stuck.accept()) {
                        Thread.sleep(10_000); // accepts, never reads
                    }
                    return null;
                });
                TcpException e = assertThrows(TcpException.class, client::send);
                assertTrue(e.getMessage().startsWith("server stopped reading for 500 ms"), e.getMessage());
                pool.shutdownNow();
            }
        }
    }

    @Test
    void corruptedConfirmationIsAFailure() throws Exception {
        byte[] data = "the real content".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> fakeServer(liar, Protocol.ok(data.length, "0".repeat(64))));
            TcpClient.Result r = send(liar.getLocalPort(), write("f", data), false);
            assertFalse(r.ok());
            assertFalse(r.verified());
            assertTrue(r.problem().startsWith("verification failed: server stored " + data.length
                    + " bytes with sha256 " + "0".repeat(64)), r.problem());

            pool.submit(() -> fakeServer(liar, "OK size=16 sha256=garbage\n"));
            ProtocolException e = assertThrows(ProtocolException.class, () -> send(liar.getLocalPort(), write("f", data), false));
            assertTrue(e.getMessage().startsWith("unexpected reply from server"), e.getMessage());

            pool.submit(() -> fakeServer(liar, "ERROR disk full\n"));
            TcpClient.Result refused = send(liar.getLocalPort(), write("f", data), false);
            assertInstanceOf(Protocol.Error.class, refused.reply());
            assertEquals("server refused the transfer: disk full", refused.problem());
        }
    }

    /** Plays the server side of the protocol correctly, except that it answers with the given line. */
    static Void fakeServer(ServerSocket listener, String reply) throws IOException {
        try (Socket s = listener.accept()) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Protocol.readLine(in);
            s.getOutputStream().write(Protocol.serverHello().getBytes(StandardCharsets.US_ASCII));
            in.readAllBytes();
            s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
        }
        return null;
    }

    @Test
    void outputFolderIsCreatedAndStaleTempFilesAreSwept() throws Exception {
        Files.createDirectories(out());
        Files.writeString(out().resolve(".recv.txt.abc123.part"), "left by a killed server");
        Files.writeString(out().resolve("keep.me"), "not ours");
        startServer(false, SHORT);
        assertEquals(List.of("keep.me"), outDirFiles());
    }

    @Test
    void closingTheServerDropsClientsAndDeletesTheirTempFiles() throws Exception {
        int port = startServer(false, SHORT);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("HELLO socklab-client size=1000000 name=x\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[1000]);
            waitFor(() -> outDirFiles().stream().anyMatch(n -> n.endsWith(".part")));
            server.close();
            assertEquals(List.of(), outDirFiles());
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "no longer listening");
        }
    }

    /** What a hand-written client may put in the name field: the name is shown, never used as a path. */
    @ParameterizedTest
    @ValueSource(strings = {"../../escaped.txt", "/tmp/absolute.txt", "..", "recv.txt/../../x", "a/b/c", "~root/.ssh/x",
            "C:\\Windows\\x.txt", "very-long-name-0123456789012345678901234567890123456789012345678901234567890123456789"
            + "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void hostileNamesNeverBecomePaths(String name) throws Exception {
        int port = startServer(false, SHORT);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("HELLO socklab-client size=3 name=" + name + "\nabc").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            InputStream in = new BufferedInputStream(s.getInputStream());
            assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
            assertTrue(Protocol.readLine(in).startsWith("OK size=3 "));
        }
        assertEquals(List.of(out().resolve("recv.txt")), filesUnder(dir), "only recv.txt, inside the output folder");
        assertEquals("abc", Files.readString(out().resolve("recv.txt")));
    }

    @Test
    void nulByteOrAnOverlongNameIsABadGreetingAndNothingIsWritten() throws Exception {
        int port = startServer(false, SHORT);
        for (String greeting : List.of("HELLO socklab-client size=3 name=a\0/../../b\nabc",
                "HELLO socklab-client size=3 name=" + "n".repeat(Protocol.MAX_LINE) + "\nabc")) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
                InputStream in = new BufferedInputStream(s.getInputStream());
                assertEquals("ERROR bad greeting", Protocol.readLine(in));
            }
        }
        assertEquals(List.of(), filesUnder(dir));
    }

    @Test
    void transferLargerThanMaxBytesIsRefusedBeforeItStarts() throws Exception {
        int port = startServer(new TcpServer.Config(0, out(), false, SHORT, serverLog).withMaxBytes(1000));
        TcpException e = assertThrows(TcpException.class, () -> send(port, write("big", new byte[1001]), false));
        assertEquals("server refused the transfer: too large: 1001 bytes announced, this server accepts at most 1000 "
                + "bytes (--max-bytes)", e.getMessage());
        assertEquals(List.of(), outDirFiles());
        assertTrue(send(port, write("fits", new byte[1000]), false).verified(), "the limit itself is allowed");
    }

    @Test
    void rawTransferLargerThanMaxBytesIsCutOffAndNothingSaved() throws Exception {
        int port = startServer(new TcpServer.Config(0, out(), true, SHORT, serverLog).withMaxBytes(1000));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(new byte[5000]);
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        } catch (IOException resetIsFine) {
            // the server closes with our bytes unread: a reset is a fair answer
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.endsWith("failed: too large: more than 1000 bytes sent, this server accepts at most 1000 bytes "
                + "(--max-bytes); nothing saved"), failed);
        assertEquals(List.of(), outDirFiles());
    }

    @Test
    void tricklingGreetingIsDroppedWhileOthersAreServed() throws Exception {
        Duration idle = Duration.ofMillis(600);
        int port = startServer(false, idle);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(5000);
            long start = System.nanoTime();
            // One byte every 150 ms: each gap is well inside the idle timeout, the whole greeting is not.
            byte[] greeting = "HELLO socklab-client size=3 name=slowloris\n".getBytes(StandardCharsets.US_ASCII);
            boolean dropped = false;
            for (int i = 0; i < greeting.length && !dropped; i++) {
                try {
                    slow.getOutputStream().write(greeting[i]);
                    if (i == 2) {
                        TcpClient.Result other = send(port, write("other", "served meanwhile".getBytes()), false);
                        assertTrue(other.verified(), other.problem());
                    }
                    Thread.sleep(150);
                } catch (IOException closedByServer) {
                    dropped = true;
                }
            }
            if (!dropped) assertEquals(-1, slow.getInputStream().read(), "the server closed the trickling client");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000, "dropped near the timeout");
        } catch (java.net.SocketException resetIsFine) {
            // closed by the server: what we wanted
        }
        String failed = serverLog.await(l -> l.contains("failed: no complete greeting"), SHORT);
        assertTrue(failed.endsWith("failed: no complete greeting from client within 600 ms; nothing saved"), failed);
        assertEquals("served meanwhile", Files.readString(out().resolve("recv.txt")));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + SHORT);
            Thread.sleep(5);
        }
    }
}
