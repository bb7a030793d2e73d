package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The textbook's greeting programs and socklab's, in every combination, with default options (issue 15). The
 * textbook peers are written here as the classroom writes them: one recv(1024) is the greeting, greetings carry
 * no newline, the client closes after the file and the server saves until EOF.
 */
@Timeout(30)
class ClassicFormsTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final Log serverLog = new Log();
    private final Log clientLog = new Log();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private TcpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        pool.shutdownNow();
    }

    /** Text and binary, newlines included, much more than one read: what a real sample file is like. */
    private byte[] content() {
        byte[] data = new byte[200_000];
        new Random(15).nextBytes(data);
        byte[] text = "Hello, socklab!\nline two\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, data, 0, text.length);
        return data;
    }

    private Path out() {
        return dir.resolve("out");
    }

    private int startSocklabServer(TcpServer.Config config) throws IOException {
        server = new TcpServer(config);
        return server.start();
    }

    private int startSocklabServer() throws IOException {
        return startSocklabServer(new TcpServer.Config(0, out(), false, SHORT, serverLog));
    }

    private TcpClient.Result socklabClient(int port, Path file, Form form) throws IOException {
        return new TcpClient(new TcpClient.Config("127.0.0.1", port, file, form, SHORT, SHORT, clientLog, null)).send();
    }

    // ---------------------------------------------------------------- the textbook's programs

    /** What a textbook program saw: the greeting it read, and (server) the file it saved. */
    record Seen(String greeting, byte[] file) {}

    /** The textbook client: greeting without newline, one recv(1024) for the answer, the file, close. */
    static String textbookClient(int port, byte[] file) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(Protocol.CLASSIC_CLIENT_GREETING.getBytes(StandardCharsets.UTF_8));
            byte[] answer = new byte[1024];
            int n = s.getInputStream().read(answer);
            s.getOutputStream().write(file);
            return n < 0 ? null : new String(answer, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** The textbook server, one client: one recv(1024) is the greeting, answer without newline, save until EOF. */
    static Seen textbookServer(ServerSocket listener) throws IOException {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] greeting = new byte[1024];
            int n = in.read(greeting);
            s.getOutputStream().write(Protocol.CLASSIC_SERVER_GREETING.getBytes(StandardCharsets.UTF_8));
            byte[] file = in.readAllBytes();
            return new Seen(new String(greeting, 0, Math.max(0, n), StandardCharsets.UTF_8), file);
        }
    }

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    // ---------------------------------------------------------------- every combination

    @ParameterizedTest(name = "{0} client -> {1} server")
    @CsvSource({"textbook, textbook", "textbook, socklab", "socklab, textbook", "socklab, socklab"})
    void everyCombinationDeliversTheFileByteIdentical(String client, String serverKind) throws Exception {
        byte[] data = content();
        Path file = Files.write(dir.resolve("sample.bin"), data);
        byte[] received;
        if (serverKind.equals("socklab")) {
            int port = startSocklabServer();
            if (client.equals("textbook")) {
                assertEquals(Protocol.CLASSIC_SERVER_GREETING, textbookClient(port, data), "socklab's server answers the greeting");
            } else {
                assertTrue(socklabClient(port, file, Form.AUTO).verified(), "socklab to socklab stays verified");
            }
            serverLog.await("File has been copied successfully (" + data.length + " bytes");
            received = Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME));
        } else {
            try (ServerSocket listener = listener()) {
                Future<Seen> seen = pool.submit(() -> textbookServer(listener));
                if (client.equals("textbook")) {
                    assertEquals(Protocol.CLASSIC_SERVER_GREETING, textbookClient(listener.getLocalPort(), data));
                } else {
                    TcpClient.Result r = socklabClient(listener.getLocalPort(), file, Form.AUTO);
                    assertTrue(r.ok(), r.problem());
                    assertEquals(Form.GREETING, r.form());
                }
                received = seen.get().file();
            }
        }
        assertArrayEquals(data, received);
    }

    @Test
    void socklabServerAnswersATextbookClientAndLogsAsUsual() throws Exception {
        byte[] data = content();
        int port = startSocklabServer();
        textbookClient(port, data);
        serverLog.await("Server closed the connection");
        List<String> s = serverLog.lines();
        assertTrue(s.get(1).startsWith("Connection from 127.0.0.1:"), s.get(1));
        assertEquals("Greeting: Hello from the client! (classic greeting: no size announced, saving until the client "
                + "closes)", s.get(2));
        assertTrue(s.get(3).startsWith("File has been copied successfully (" + data.length + " bytes, sha256 "), s.get(3));
        assertEquals(List.of(Defaults.RECEIVED_NAME), Files.list(out()).map(p -> p.getFileName().toString()).toList(),
                "no temp file left");
    }

    @Test
    void socklabClientSaysPlainlyThatAGreetingServerConfirmedNothing() throws Exception {
        byte[] data = content();
        Path file = Files.write(dir.resolve("sample.bin"), data);
        try (ServerSocket listener = listener()) {
            Future<Seen> seen = pool.submit(() -> textbookServer(listener));
            TcpClient.Result r = socklabClient(listener.getLocalPort(), file, Form.AUTO);

            assertTrue(r.ok(), r.problem());
            assertFalse(r.verified(), "nothing was confirmed");
            assertNull(r.reply());
            assertTrue(seen.get().greeting().startsWith("HELLO socklab-client size=" + data.length + " name=sample.bin\n"),
                    "the textbook server read our greeting line, alone, as its greeting: " + seen.get().greeting());
            List<String> c = clientLog.lines();
            assertEquals("Server's greeting: Hello from the server! (not socklab's answer: a classic greeting server; "
                    + "sending the file raw, it will confirm nothing)", c.get(1));
            assertEquals("Server closed the connection", c.get(3));
            assertEquals("Not verified: the server confirmed nothing (greeting form: no size, no SHA-256); all "
                    + data.length + " bytes were sent and it closed cleanly", c.get(4));
        }
    }

    @Test
    void forcedGreetingFormsSpeakTheTextbookGreetings() throws Exception {
        byte[] data = content();
        Path file = Files.write(dir.resolve("sample.bin"), data);
        try (ServerSocket listener = listener()) {
            Future<Seen> seen = pool.submit(() -> textbookServer(listener));
            TcpClient.Result r = socklabClient(listener.getLocalPort(), file, Form.GREETING);
            assertTrue(r.ok(), r.problem());
            assertEquals(Protocol.CLASSIC_CLIENT_GREETING, seen.get().greeting());
            assertArrayEquals(data, seen.get().file());
        }
        // A forced greeting server answers at once, without the pause: the first read is the greeting.
        int port = startSocklabServer(new TcpServer.Config(0, out(), false, SHORT, serverLog).withForm(Form.GREETING)
                .withGreetingPause(Duration.ofMinutes(1)));
        assertEquals(Protocol.CLASSIC_SERVER_GREETING, textbookClient(port, data));
        serverLog.await("File has been copied successfully");
        assertArrayEquals(data, Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME)));
    }

    @Test
    void socklabClientAgainstSocklabServerInGreetingFormStillDeliversTheFile() throws Exception {
        // The forced greeting client sends the textbook greeting; the recognising server answers it like a textbook one.
        byte[] data = content();
        int port = startSocklabServer();
        TcpClient.Result r = socklabClient(port, Files.write(dir.resolve("f"), data), Form.GREETING);
        assertTrue(r.ok(), r.problem());
        serverLog.await("File has been copied successfully");
        assertArrayEquals(data, Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME)));
    }

    // ---------------------------------------------------------------- raw senders still saved raw

    /** Sends parts with pauses between them, then half-closes and waits for the server to close (nc -N). */
    private void rawSender(int port, Duration gap, byte[]... parts) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) Thread.sleep(gap.toMillis());
                s.getOutputStream().write(parts[i]);
                s.getOutputStream().flush();
            }
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "a raw sender gets no answer, only the close");
        }
    }

    @Test
    void netcatLikeSendersAreSavedRawWithDefaultOptions() throws Exception {
        int port = startSocklabServer();
        byte[] big = content();
        rawSender(port, Duration.ZERO, big);   // streams, then half-closes: nc -N < file
        serverLog.await("File has been copied successfully (" + big.length + " bytes");
        assertArrayEquals(big, Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME)));

        byte[] small = "no newline, less than one read".getBytes(StandardCharsets.US_ASCII);
        rawSender(port, Duration.ZERO, small);   // a small file, then half-close at once
        serverLog.await("File has been copied successfully (" + small.length + " bytes");
        assertArrayEquals(small, Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME)));

        // Someone typing into nc: a line, a pause longer than the greeting pause, more lines, Ctrl-D.
        byte[] first = "typed line\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "another line\n".getBytes(StandardCharsets.US_ASCII);
        rawSender(port, Defaults.GREETING_PAUSE.multipliedBy(2), first, second);
        serverLog.await("File has been copied successfully (" + (first.length + second.length) + " bytes");
        assertEquals("typed line\nanother line\n", Files.readString(out().resolve(Defaults.RECEIVED_NAME)));
        assertFalse(serverLog.lines().stream().anyMatch(l -> l.startsWith("Greeting")), serverLog.lines().toString());
    }

    @Test
    void aSenderThatKeepsStreamingWithinThePauseIsRaw() throws Exception {
        int port = startSocklabServer();
        byte[] a = "no newline yet".getBytes(StandardCharsets.US_ASCII);
        byte[] b = " and more".getBytes(StandardCharsets.US_ASCII);
        rawSender(port, Defaults.GREETING_PAUSE.dividedBy(5), a, b);
        serverLog.await("File has been copied successfully");
        assertEquals("no newline yet and more", Files.readString(out().resolve(Defaults.RECEIVED_NAME)));
    }

    /**
     * The one case the rule cannot tell right (docs/protocol.md, "Which form the other side uses"): a raw sender of less than one read,
     * without a newline, that then waits without closing looks exactly like a greeting client. It gets the textbook
     * answer, its bytes are taken for a greeting, and nothing is saved; --protocol raw saves it.
     */
    @Test
    void theAmbiguousCaseARawSenderThatWaitsIsTakenForAGreeting() throws Exception {
        byte[] small = "tiny file".getBytes(StandardCharsets.US_ASCII);
        int port = startSocklabServer();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(small);
            byte[] answer = new byte[1024];
            int n = s.getInputStream().read(answer);   // waits, as nc without -N would, and hears the greeting
            assertEquals(Protocol.CLASSIC_SERVER_GREETING, new String(answer, 0, n, StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.endsWith("failed: client sent nothing after its greeting (if the greeting was the file, from a "
                + "raw sender that paused before closing: run the server with --protocol raw); nothing saved"), failed);
        assertFalse(Files.exists(out().resolve(Defaults.RECEIVED_NAME)));

        server.close();
        int rawPort = startSocklabServer(new TcpServer.Config(0, out(), true, SHORT, serverLog));
        try (Socket s = new Socket("127.0.0.1", rawPort)) {
            s.getOutputStream().write(small);
            Thread.sleep(Defaults.GREETING_PAUSE.multipliedBy(2).toMillis());
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
        serverLog.await("File has been copied successfully (" + small.length + " bytes");
        assertArrayEquals(small, Files.readAllBytes(out().resolve(Defaults.RECEIVED_NAME)));
    }

    @Test
    void theGreetingPauseIsTheOption() throws Exception {
        // A pause longer than the sender's gap: the two parts are one raw stream although each lacks a newline.
        int port = startSocklabServer(new TcpServer.Config(0, out(), false, SHORT, serverLog)
                .withGreetingPause(Duration.ofSeconds(2)));
        rawSender(port, Defaults.GREETING_PAUSE.multipliedBy(2), "part one".getBytes(), ", part two".getBytes());
        serverLog.await("File has been copied successfully");
        assertEquals("part one, part two", Files.readString(out().resolve(Defaults.RECEIVED_NAME)));
    }

    @Test
    void aGreetingClientThatVanishesAfterTheAnswerLeavesNothing() throws Exception {
        int port = startSocklabServer();
        Files.createDirectories(out());
        Files.writeString(out().resolve(Defaults.RECEIVED_NAME), "previous upload");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(Protocol.CLASSIC_CLIENT_GREETING.getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read(new byte[1024]);
            s.getOutputStream().write(new byte[5000]);
            s.setSoLinger(true, 0);   // RST: an aborted upload
        }
        String failed = serverLog.await("Transfer from ");
        assertTrue(failed.contains("connection reset by client after its greeting and "), failed);
        assertEquals("previous upload", Files.readString(out().resolve(Defaults.RECEIVED_NAME)));
        assertEquals(1, Arrays.stream(out().toFile().list()).count(), "no temp file left");
    }

    @Test
    void aServerThatAnswersInPartsIsReadAsOneGreeting() throws Exception {
        // Socklab's answer arriving a few bytes at a time is still socklab's: the client must not take it for a classic one.
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket listener = listener()) {
            pool.submit(() -> {
                try (Socket s = listener.accept()) {
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                    Protocol.readLine(in);
                    for (String part : List.of("HEL", "LO sock", "lab-server ready\n")) {
                        s.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        Thread.sleep(50);
                    }
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    in.transferTo(got);
                    java.security.MessageDigest sha = Sha256.newDigest();
                    sha.update(got.toByteArray());
                    s.getOutputStream().write(Protocol.ok(got.size(), Sha256.hex(sha)).getBytes(StandardCharsets.US_ASCII));
                }
                return null;
            });
            TcpClient.Result r = socklabClient(listener.getLocalPort(), Files.write(dir.resolve("f"), data), Form.AUTO);
            assertTrue(r.verified(), r.problem());
            assertEquals(Form.SOCKLAB, r.form());
        }
    }
}
