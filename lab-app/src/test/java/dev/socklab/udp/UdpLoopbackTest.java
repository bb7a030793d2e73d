package dev.socklab.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class UdpLoopbackTest {

    @TempDir
    Path dir;

    private final List<String> serverLog = new CopyOnWriteArrayList<>();
    private final List<String> clientLog = new CopyOnWriteArrayList<>();

    private UdpServer server(Mode mode, Path receiveDir, Duration idle) throws Exception {
        UdpServer s = new UdpServer(new UdpServer.Config(0, mode, receiveDir, idle, serverLog::add));
        s.start();
        return s;
    }

    private UdpClient client(int port) throws Exception {
        return new UdpClient(new UdpClient.Config("127.0.0.1", port, 0, Duration.ofSeconds(2), clientLog::add));
    }

    private void awaitLog(String prefix) throws InterruptedException {
        for (int i = 0; i < 100 && serverLog.stream().noneMatch(l -> l.startsWith(prefix)); i++) Thread.sleep(50);
    }

    @Test
    void echoAndUpperRoundTrip() throws Exception {
        try (UdpServer echo = server(Mode.ECHO, null, Defaults.IDLE_TIMEOUT);
             UdpServer upper = server(Mode.UPPER, null, Defaults.IDLE_TIMEOUT);
             UdpClient c1 = client(echo.port());
             UdpClient c2 = client(upper.port())) {
            Optional<UdpClient.Reply> r1 = c1.request("Hello, world");
            assertEquals("Hello, world", r1.orElseThrow().text());
            assertEquals("127.0.0.1:" + echo.port(), r1.get().from());
            assertEquals("HELLO, WORLD", c2.request("Hello, world").orElseThrow().text());
            assertEquals("UDP server is listening on port : " + echo.port(), serverLog.get(0));
            assertTrue(serverLog.contains("127.0.0.1:" + c1.localPort() + " -> Hello, world"), serverLog.toString());
        }
    }

    @Test
    void printModeSendsNoReply() throws Exception {
        try (UdpServer s = server(Mode.PRINT, null, Defaults.IDLE_TIMEOUT);
             UdpClient c = new UdpClient(new UdpClient.Config("127.0.0.1", s.port(), 0, Duration.ofMillis(200),
                     clientLog::add))) {
            assertTrue(c.request("line\nbreak").isEmpty());
            awaitLog("127.0.0.1");
            assertTrue(serverLog.contains("127.0.0.1:" + c.localPort() + " -> line\\nbreak"), serverLog.toString());
        }
    }

    @Test
    void stdinLinesAreDatagramsAndRepliesArePrinted() throws Exception {
        try (UdpServer s = server(Mode.UPPER, null, Defaults.IDLE_TIMEOUT); UdpClient c = client(s.port())) {
            assertEquals(2, c.sendLines(new BufferedReader(new StringReader("one\ntwo\n"))));
            assertEquals(List.of("Reply from 127.0.0.1:" + s.port() + ": ONE", "Reply from 127.0.0.1:" + s.port() + ": TWO"),
                    clientLog);
        }
    }

    @Test
    void fileArrivesIdentical() throws Exception {
        Path file = dir.resolve("in.bin");
        byte[] content = new byte[1_000_000];
        new Random(1).nextBytes(content);
        Files.write(file, content);
        Path out = dir.resolve("out");
        try (UdpServer s = server(Mode.PRINT, out, Duration.ofSeconds(2)); UdpClient c = client(s.port())) {
            UdpClient.FileResult r = c.sendFile(file, Defaults.CHUNK, Defaults.RATE * 4, null);
            assertEquals(834, r.datagrams());
            awaitLog("SHA-256");
            assertTrue(serverLog.stream().anyMatch(l -> l.startsWith("SHA-256 matches (" + r.sha256() + ")")),
                    serverLog.toString());
            assertTrue(serverLog.stream().anyMatch(l -> l.endsWith(": received 834 of 834, lost 0, duplicated 0, "
                    + "out of order 0, END received")), serverLog.toString());
        }
        assertEquals(-1, Files.mismatch(file, out.resolve(Defaults.RECEIVED_NAME)));
    }

    @Test
    void emptyFileArrives() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));
        Path out = dir.resolve("out");
        try (UdpServer s = server(Mode.PRINT, out, Duration.ofSeconds(2)); UdpClient c = client(s.port())) {
            c.sendFile(file, 100, 0, null);
            awaitLog("SHA-256");
        }
        assertEquals(0, Files.size(out.resolve(Defaults.RECEIVED_NAME)));
    }

    @Test
    void lossIsReportedAndNothingIsSaved() throws Exception {
        Path file = dir.resolve("in.txt");
        Files.write(file, new byte[100 * 300]);
        Path out = dir.resolve("out");
        try (UdpServer s = server(Mode.PRINT, out, Duration.ofMillis(300)); UdpClient c = client(s.port())) {
            UdpClient.FileResult r = c.sendFile(file, 100, 0, seq -> (seq >= 17 && seq <= 19) || seq == 240);
            assertEquals(4, r.dropped());
            awaitLog("Lost sequence numbers");
            assertTrue(serverLog.contains("Lost sequence numbers: 17-19, 240"), serverLog.toString());
            assertTrue(serverLog.stream().anyMatch(l -> l.contains("received 296 of 300, lost 4,")), serverLog.toString());
            assertTrue(serverLog.stream().anyMatch(l -> l.contains("incomplete: nothing saved")), serverLog.toString());
        }
        assertFalse(Files.exists(out.resolve(Defaults.RECEIVED_NAME)));
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "no temp files left behind");
        }
    }

    @Test
    void craftedReorderingAndDuplicatesAreCounted() throws Exception {
        Path out = dir.resolve("out");
        byte[][] chunks = new byte[10][];
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 10; i++) {
            chunks[i] = ("chunk " + i + "\n").getBytes();
            sha.update(chunks[i]);
        }
        try (UdpServer s = server(Mode.PRINT, out, Duration.ofSeconds(2));
             java.net.DatagramSocket raw = new java.net.DatagramSocket()) {
            java.net.InetSocketAddress to = new java.net.InetSocketAddress("127.0.0.1", s.port());
            for (int seq : new int[] {0, 2, 1, 3, 3, 4, 5, 6, 7, 8, 9}) {
                byte[] d = Datagram.chunk(42, seq, 10, chunks[seq]).encode();
                raw.send(new java.net.DatagramPacket(d, d.length, to));
                Thread.sleep(2); // loopback keeps order; the reordering is ours
            }
            byte[] end = Datagram.end(42, 10, sha.digest()).encode();
            raw.send(new java.net.DatagramPacket(end, end.length, to));
            awaitLog("SHA-256");
            assertTrue(serverLog.stream().anyMatch(l -> l.startsWith("Transfer 0000002a from 127.0.0.1:")
                    && l.endsWith(": received 10 of 10, lost 0, duplicated 1, out of order 1, END received")),
                    serverLog.toString());
            assertTrue(serverLog.stream().anyMatch(l -> l.startsWith("SHA-256 matches")), serverLog.toString());
        }
        assertEquals("chunk 0\nchunk 1\n", Files.readString(out.resolve(Defaults.RECEIVED_NAME)).substring(0, 16));
    }

    @Test
    void largestPossibleDatagramArrivesWholeAndGarbageIsNotAFileTransfer() throws Exception {
        try (UdpServer echo = server(Mode.ECHO, null, Defaults.IDLE_TIMEOUT);
             java.net.DatagramSocket raw = new java.net.DatagramSocket()) {
            raw.setSoTimeout(2000);
            byte[] max = new byte[65_507];   // 65535 - 20 (IPv4) - 8 (UDP): nothing bigger fits in one datagram
            java.util.Arrays.fill(max, (byte) 'x');
            raw.send(new java.net.DatagramPacket(max, max.length, java.net.InetAddress.getLoopbackAddress(), echo.port()));
            java.net.DatagramPacket back = new java.net.DatagramPacket(new byte[70_000], 70_000);
            raw.receive(back);
            assertEquals(max.length, back.getLength(), "not truncated by the server's buffer");
        }
        try (UdpServer files = server(Mode.PRINT, dir.resolve("in"), Duration.ofMillis(300));
             java.net.DatagramSocket raw = new java.net.DatagramSocket()) {
            byte[] junk = "SLU1 but not a header at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            raw.send(new java.net.DatagramPacket(junk, junk.length, java.net.InetAddress.getLoopbackAddress(), files.port()));
            Thread.sleep(500);
            assertFalse(Files.exists(dir.resolve("in").resolve(Defaults.RECEIVED_NAME)), "nothing saved from garbage");
        }
    }

    @Test
    void printableEscapesAndShortens() {
        assertEquals("a\\tb\\x01", Format.printable("a\tb\u0001".getBytes()));
        assertEquals("\\xff\\xfeok", Format.printable(new byte[] {(byte) 0xff, (byte) 0xfe, 'o', 'k'}));
        String longText = Format.printable("x".repeat(200).getBytes());
        assertEquals("x".repeat(Defaults.PREVIEW_CHARS) + "... (200 bytes)", longText);
    }
}
