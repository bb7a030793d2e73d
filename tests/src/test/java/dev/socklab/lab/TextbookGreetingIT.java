package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.tcp.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the classroom's own programs and socklab's, both ways, across the routed lab, with default options.
 * The textbook programs are Python (tests/src/test/resources/classroom/tcp-greeting and udp-upper), run with the
 * images' python3; the file must arrive byte-identical, and tshark must see each side's greeting cross before the
 * file's first byte.
 */
@RequiresDocker
class TextbookGreetingIT {
    private static final String SERVER_GREETING = "Hello from the server!";

    @TempDir
    Path tmp;

    @Test
    void textbookClientToSocklabServer() throws Exception {
        Path sample = LabImages.sample();
        byte[] file = Files.readAllBytes(sample);
        try (TwoHostLab<ServerContainer> lab = TwoHostLab.start()) {
            CaptureContainer capture = lab.startCapture();
            try {
                ClientContainer.Run run = lab.client().sending(sample).runningClassroom("tcp-greeting", "client.py", "{server}").run();

                assertEquals(0, run.exitCode(), "the textbook client failed:\n" + run.output());
                assertTrue(run.output().contains("Server said: " + SERVER_GREETING), run.output());
                awaitLog(lab.server()::getLogs, "File has been copied successfully");
                assertArrayEquals(file, lab.server().received(), "recv.txt is the file, byte for byte");
                assertTrue(lab.server().getLogs().contains("Greeting: Hello from the client! (classic greeting"),
                        lab.server().getLogs());

                Path pcap = capture.stopAndCopyPcap(tmp);
                String clientGreeting = "Hello from the client!";
                Wire.of(pcap).assertTransfer(run.address(), lab.server().address(), ServerContainer.PORT,
                        clientGreeting.length() + file.length);
                assertGreetingsBeforeTheFile(pcap, lab.server().address() + ":" + ServerContainer.PORT, clientGreeting, file);
            } finally {
                capture.stop();
            }
        }
    }

    @Test
    void socklabClientToTextbookServer() throws Exception {
        Path sample = LabImages.sample();
        byte[] file = Files.readAllBytes(sample);
        try (TwoHostLab<ClassroomServerContainer> lab = TwoHostLab.startClassroom("tcp-greeting", "server.py")) {
            CaptureContainer capture = lab.startCapture();
            try {
                ClientContainer.Run run = lab.client().sending(sample).run();   // tcp-client, default options

                assertEquals(0, run.exitCode(), "tcp-client failed against the textbook server:\n" + run.output());
                assertTrue(run.output().contains("Not verified: the server confirmed nothing (greeting form: no size, no "
                        + "SHA-256); all " + file.length + " bytes were sent and it closed cleanly"), run.output());
                awaitLog(lab.server()::getLogs, "File has been copied successfully");
                assertArrayEquals(file, lab.server().received(), "recv.txt is the file, byte for byte");

                Path pcap = capture.stopAndCopyPcap(tmp);
                // Sent alone, socklab's greeting line is what the textbook server's one recv(1024) takes for a greeting.
                String clientGreeting = Protocol.clientHello(file.length, ClientContainer.FILE_IN_CONTAINER_NAME);
                Wire.of(pcap).assertTransfer(run.address(), lab.server().address(), ClassroomServerContainer.PORT,
                        clientGreeting.length() + file.length);
                assertGreetingsBeforeTheFile(pcap, lab.server().address() + ":" + ClassroomServerContainer.PORT,
                        clientGreeting, file);
            } finally {
                capture.stop();
            }
        }
    }

    @Test
    void textbookUdpClientGetsTheUpperCaseReplyAcrossTheRouter() throws Exception {
        try (TwoHostLab<UdpServerContainer> lab = TwoHostLab.startUdp("upper")) {
            ClientContainer.Run run = lab.client()
                    .runningClassroom("udp-upper", "client.py", "{server}", "hello from the classroom").run();

            assertEquals(0, run.exitCode(), "the textbook UDP client failed:\n" + run.output());
            assertTrue(run.output().contains("Reply from " + lab.server().address() + ":" + UdpServerContainer.PORT
                    + ": HELLO FROM THE CLASSROOM"), "the capitals come back from the server's address and port:\n" + run.output());
            UdpServerContainer.Datagram got = lab.server().received().get(0);
            assertEquals("hello from the classroom", got.text());
            assertTrue(lab.clientSubnet().contains(got.address()), got + " comes from client-net, through the router");
        }
    }

    /**
     * What tshark decodes: the client's first data segment is its greeting alone, the server's first is
     * "Hello from the server!" alone, sent after the client's greeting and before the file's first byte, and the
     * client's whole stream is its greeting followed by exactly the file.
     */
    private static void assertGreetingsBeforeTheFile(Path pcap, String server, String clientGreeting, byte[] file)
            throws Exception {
        List<Tshark.Segment> segments = Tshark.tcpSegments(pcap);
        List<Tshark.Segment> fromServer = segments.stream().filter(s -> s.source().equals(server)).toList();
        List<Tshark.Segment> fromClient = segments.stream().filter(s -> !s.source().equals(server)).toList();
        assertTrue(!fromServer.isEmpty() && !fromClient.isEmpty(), "data both ways: " + segments);
        assertEquals(1, fromClient.stream().map(Tshark.Segment::stream).distinct().count(), "one connection");

        Tshark.Segment clientHello = fromClient.get(0);
        Tshark.Segment serverHello = fromServer.get(0);
        assertEquals(clientGreeting, clientHello.text(), "the client's greeting, alone in its segment");
        assertEquals(SERVER_GREETING, serverHello.text(), "the server's greeting, alone in its segment");
        assertTrue(clientHello.frame() < serverHello.frame(), "the server answers after the client's greeting");
        long fileStart = 1 + clientGreeting.getBytes(StandardCharsets.UTF_8).length;
        Tshark.Segment firstFileSegment = fromClient.stream().filter(s -> s.seq() == fileStart).findFirst()
                .orElseThrow(() -> new AssertionError("no segment starts the file at seq " + fileStart + ": " + fromClient));
        assertTrue(serverHello.frame() < firstFileSegment.frame(),
                "the server's greeting (frame " + serverHello.frame() + ") crosses before the file's first byte (frame "
                        + firstFileSegment.frame() + ")");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(clientGreeting.getBytes(StandardCharsets.UTF_8));
        expected.write(file);
        assertArrayEquals(expected.toByteArray(), stream(fromClient), "client to server: the greeting, then the file");
    }

    /** One direction's bytes in sequence order, each byte once (a retransmission repeats bytes already there). */
    private static byte[] stream(List<Tshark.Segment> segments) {
        TreeMap<Long, byte[]> bySeq = new TreeMap<>();
        for (Tshark.Segment s : segments) bySeq.merge(s.seq(), s.payload(), (a, b) -> a.length >= b.length ? a : b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 1;
        for (Map.Entry<Long, byte[]> e : bySeq.entrySet()) {
            long start = e.getKey();
            byte[] p = e.getValue();
            if (start > next) throw new AssertionError("bytes " + next + ".." + (start - 1) + " never crossed the wire");
            int skip = (int) (next - start);
            if (skip < p.length) {
                out.write(p, skip, p.length - skip);
                next = start + p.length;
            }
        }
        return out.toByteArray();
    }

    private static void awaitLog(Supplier<String> logs, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!logs.get().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + text + "' within 30 s:\n" + logs.get());
            Thread.sleep(100);
        }
    }
}
