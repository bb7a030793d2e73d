package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.tcp.Protocol;
import dev.socklab.tcp.TcpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class TcpCommandsTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void busyPortIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun r = run("tcp-server", "--port", "" + taken.getLocalPort(), "--out", dir.toString());
            assertEquals(1, r.exit());
            assertEquals("tcp-server: cannot listen on port " + taken.getLocalPort() + ": address already in use",
                    r.errLine());
        }
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        CliRun server = run("tcp-server", "--port", "70000");
        assertEquals(2, server.exit());
        assertTrue(server.errLine().contains("port 70000 is out of range (0..65535)"), server.errLine());

        CliRun client = run("tcp-client", "127.0.0.1", "--port", "-1");
        assertEquals(2, client.exit());
        assertTrue(client.errLine().contains("out of range"), client.errLine());

        CliRun zero = run("tcp-client", "127.0.0.1", "--port", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.errLine().contains("port 0"), zero.errLine());

        CliRun notANumber = run("tcp-server", "--port", "http");
        assertEquals(2, notANumber.exit());
        notANumber.errLine();
    }

    @Test
    void badTimeoutIsAUsageError() {
        CliRun r = run("tcp-server", "--idle-timeout", "soon");
        assertEquals(2, r.exit());
        assertTrue(r.errLine().contains("not a positive duration"), r.errLine());
    }

    @Test
    void missingFile() throws Exception {
        Path missing = dir.resolve("nope.txt");
        CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + freePort(), "--file", missing.toString());
        assertEquals(1, r.exit());
        assertEquals("tcp-client: no such file: " + missing, r.errLine());
        assertEquals(List.of(), r.out());
    }

    @Test
    void unknownHost() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "x");
        CliRun r = run("tcp-client", "no-such-host.invalid", "--file", f.toString());
        assertEquals(1, r.exit());
        assertEquals("tcp-client: unknown host: no-such-host.invalid", r.errLine());
    }

    @Test
    void connectionRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "x");
        int port = freePort();
        CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + port, "--file", f.toString());
        assertNotEquals(0, r.exit());
        assertEquals("tcp-client: cannot connect to 127.0.0.1:" + port + ": connection refused (is the server running?)",
                r.errLine());
    }

    @Test
    void outputFolderThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "x");
        CliRun r = run("tcp-server", "--port", "0", "--out", file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.errLine().startsWith("tcp-server: output folder is not a folder: "), r.errLine());
    }

    @Test
    void successfulClientRunExitsZeroAndPrintsItsSteps() throws Exception {
        Path f = Files.writeString(dir.resolve("sample.txt"), "hello\n");
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, dir.resolve("out"), false,
                Duration.ofSeconds(5), line -> {}))) {
            int port = server.start();
            CliRun r = run("tcp-client", "localhost", "--port", "" + port, "--file", f.toString());
            assertEquals(0, r.exit(), r.err().toString());
            assertEquals(List.of(), r.err());
            assertEquals(5, r.out().size(), r.out().toString());
            assertTrue(r.out().get(0).startsWith("Connected to "));
            assertEquals("Verified: server stored 6 bytes, sha256 matches", r.out().get(4));
        }
    }

    @Test
    void mismatchedConfirmationExitsNonZero() throws Exception {
        Path f = Files.writeString(dir.resolve("sample.txt"), "hello\n");
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                try (Socket s = liar.accept()) {
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    Protocol.readLine(in);
                    s.getOutputStream().write(Protocol.serverHello().getBytes(StandardCharsets.US_ASCII));
                    in.readAllBytes();
                    s.getOutputStream().write(Protocol.ok(6, "f".repeat(64)).getBytes(StandardCharsets.US_ASCII));
                }
                return null;
            });
            CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + liar.getLocalPort(), "--file", f.toString());
            assertEquals(1, r.exit());
            assertTrue(r.errLine().startsWith("tcp-client: verification failed: "), r.errLine());
            assertFalse(r.out().stream().anyMatch(l -> l.startsWith("Verified")), r.out().toString());
        }
    }

    @Test
    void tooLargeForTheServerIsOneLineForTheClient() throws Exception {
        Path f = Files.write(dir.resolve("big.bin"), new byte[2048]);
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, dir.resolve("out"), false,
                Duration.ofSeconds(5), line -> {}).withMaxBytes(1024))) {
            int port = server.start();
            CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + port, "--file", f.toString());
            assertEquals(1, r.exit());
            assertEquals("tcp-client: server refused the transfer: too large: 2048 bytes announced, this server accepts "
                    + "at most 1024 bytes (--max-bytes)", r.errLine());
        }
    }

    @Test
    void badMaxBytesIsAUsageError() {
        CliRun r = run("tcp-server", "--max-bytes", "lots");
        assertEquals(2, r.exit());
        assertTrue(r.errLine().contains("'lots' is not a size in bytes"), r.errLine());
    }

    @Test
    void malformedConfirmationIsOneLine() throws Exception {
        Path f = Files.writeString(dir.resolve("sample.txt"), "hello\n");
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                try (Socket s = liar.accept()) {
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    Protocol.readLine(in);
                    s.getOutputStream().write(Protocol.serverHello().getBytes(StandardCharsets.US_ASCII));
                    in.readAllBytes();
                    s.getOutputStream().write("OK size=6 sha256=\u0007bell\n".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + liar.getLocalPort(), "--file", f.toString());
            assertEquals(1, r.exit());
            assertEquals("tcp-client: control character in protocol line", r.errLine());
        }
    }

    @Test
    void privilegedPortWithoutPermissionIsOneClearLine() throws Exception {
        // Root (and CAP_NET_BIND_SERVICE) may bind below 1024: the check needs an unprivileged user.
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: LeastPrivilegeIT checks this as the containers' unprivileged user");
        CliRun r = run("tcp-server", "--port", "80", "--out", dir.toString());
        assertEquals(1, r.exit());
        assertEquals("tcp-server: cannot listen on port 80: permission denied (ports below 1024 need root or "
                + "CAP_NET_BIND_SERVICE)", r.errLine());
    }

    @Test
    void defaultClientAgainstATextbookGreetingServerExitsZeroAndSaysNothingWasConfirmed() throws Exception {
        Path f = Files.writeString(dir.resolve("sample.txt"), "hello, textbook\n");
        try (ServerSocket textbook = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var saved = pool.submit(() -> {
                try (Socket s = textbook.accept()) {
                    s.getInputStream().read(new byte[1024]);   // the greeting: one recv(1024)
                    s.getOutputStream().write("Hello from the server!".getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                }
            });
            CliRun r = run("tcp-client", "127.0.0.1", "--port", "" + textbook.getLocalPort(), "--file", f.toString());
            assertEquals(0, r.exit(), r.err().toString());
            assertEquals("hello, textbook\n", saved.get());
            assertTrue(r.out().getLast().startsWith("Not verified: the server confirmed nothing (greeting form: no size, "
                    + "no SHA-256)"), r.out().toString());
        }
    }

    @Test
    void rawIsAnAliasOfProtocolRaw() throws Exception {
        Path f = Files.writeString(dir.resolve("sample.txt"), "raw bytes");
        for (List<String> option : List.of(List.of("--raw"), List.of("--protocol", "raw"), List.of("--protocol", "RAW"))) {
            try (ServerSocket ncL = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var saved = pool.submit(() -> {
                    try (Socket s = ncL.accept()) {
                        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    }
                });
                List<String> args = new java.util.ArrayList<>(List.of("tcp-client", "127.0.0.1", "--port",
                        "" + ncL.getLocalPort(), "--file", f.toString()));
                args.addAll(option);
                CliRun r = run(args.toArray(String[]::new));
                assertEquals(0, r.exit(), option + ": " + r.err());
                assertEquals("raw bytes", saved.get(), option + ": only the file's bytes, no greeting");
            }
        }
    }

    @Test
    void contradictoryOrUnknownProtocolIsAUsageError() {
        CliRun both = run("tcp-server", "--raw", "--protocol", "greeting");
        assertEquals(2, both.exit());
        assertTrue(both.errLine().contains("--raw and --protocol greeting contradict each other"), both.errLine());

        CliRun client = run("tcp-client", "127.0.0.1", "--raw", "--protocol", "socklab");
        assertEquals(2, client.exit());
        assertTrue(client.errLine().contains("--raw and --protocol socklab contradict each other"), client.errLine());

        CliRun unknown = run("tcp-server", "--protocol", "ftp");
        assertEquals(2, unknown.exit());
        unknown.errLine();

        CliRun pause = run("tcp-server", "--greeting-pause", "soon");
        assertEquals(2, pause.exit());
        assertTrue(pause.errLine().contains("not a positive duration"), pause.errLine());
    }

    @Test
    void theGreetingPauseAndItsAmbiguousCaseAreInTheHelp() {
        String help = String.join(" ", run("tcp-server", "--help").out()).replaceAll("\\s+", " ");
        assertTrue(help.contains("--greeting-pause=DURATION"), help);
        assertTrue(help.contains("A raw sender of a small file without a newline that then waits without closing looks "
                + "the same: use --protocol raw for it (default: 500ms)"), help);
    }

    @Test
    void theTcpSummariesAreCompleteSentences() {
        List<String> help = run("--help").out();
        for (String command : List.of("tcp-server", "tcp-client")) {
            int start = -1;
            for (int i = 0; i < help.size(); i++) if (help.get(i).strip().startsWith(command + " ")) start = i;
            assertTrue(start >= 0, command + " is listed: " + help);
            StringBuilder summary = new StringBuilder(help.get(start).strip().substring(command.length()).strip());
            for (int i = start + 1; i < help.size() && help.get(i).startsWith("      "); i++) {
                summary.append(' ').append(help.get(i).strip());
            }
            assertTrue(summary.toString().endsWith("."), command + ": " + summary);
        }
    }
}
