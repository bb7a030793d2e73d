package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.udp.Mode;
import dev.socklab.udp.UdpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UdpCommandsTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void noReplyIsOneClearLineAndExit1() throws Exception {
        int port = freeUdpPort();
        CliRun r = run("udp-client", "127.0.0.1", "--port", "" + port, "--message", "hi", "--timeout", "300ms");
        assertEquals(1, r.exit());
        assertEquals("udp-client: no reply from 127.0.0.1:" + port + " within 300ms (UDP gives no error: the datagram "
                + "or the reply may be lost, or no server is listening)", r.errLine());
    }

    @Test
    void messageGetsItsReply() throws Exception {
        try (UdpServer s = new UdpServer(UdpServer.Config.of(0, Mode.UPPER, l -> {}))) {
            s.start();
            CliRun r = run("udp-client", "127.0.0.1", "--port", "" + s.port(), "--message", "hello");
            assertEquals(0, r.exit(), r.err().toString());
            assertEquals(List.of("Reply from 127.0.0.1:" + s.port() + ": HELLO"), r.out());
        }
    }

    @Test
    void loopedSequenceArrivesInOrderFromTheBoundPort() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (UdpServer s = new UdpServer(UdpServer.Config.of(0, Mode.PRINT, log::add))) {
            s.start();
            int bind = freeUdpPort();
            CliRun r = run("udp-client", "127.0.0.1", "--port", "" + s.port(), "--bind-port", "" + bind,
                    "--sequence", "1..100", "--loop", "--count", "250", "--interval", "1ms");
            assertEquals(0, r.exit(), r.err().toString());
            assertEquals(250, r.out().size());
            assertEquals("sent 1", r.out().get(0));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 250; i++) expected.add("127.0.0.1:" + bind + " -> " + (i % 100 + 1));
            for (int i = 0; i < 100 && log.size() < 251; i++) Thread.sleep(20);
            assertEquals(expected, log.subList(1, log.size()));
        }
    }

    @Test
    void busyPortIsOneClearLine() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0)) {
            CliRun r = run("udp-server", "--port", "" + taken.getLocalPort());
            assertEquals(1, r.exit());
            assertEquals("udp-server: cannot bind UDP port " + taken.getLocalPort() + ": address already in use",
                    r.errLine());
        }
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run("udp-server", "--port", "70000").exit());
        assertEquals(2, run("udp-client", "127.0.0.1", "--message", "a", "--stdin").exit());
        assertEquals(2, run("udp-client", "127.0.0.1").exit());
        assertEquals(2, run("udp-client", "127.0.0.1", "--sequence", "5..1").exit());
        assertEquals(2, run("udp-client", "127.0.0.1", "--file", "x", "--chunk", "70000").exit());
    }

    @Test
    void runtimeErrorsAreOneLine() {
        CliRun tooBig = run("udp-client", "127.0.0.1", "--message", "a".repeat(70_000));
        assertEquals(1, tooBig.exit());
        assertTrue(tooBig.errLine().startsWith("udp-client: datagram too large: 70000 bytes"), tooBig.errLine());
        CliRun missing = run("udp-client", "127.0.0.1", "--file", "/no/such/file");
        assertEquals(1, missing.exit());
        assertEquals("udp-client: no such file or folder: /no/such/file", missing.errLine());
        CliRun host = run("udp-client", "no-such-host.invalid", "--message", "x");
        assertEquals(1, host.exit());
        assertTrue(host.errLine().startsWith("udp-client: unknown host: no-such-host.invalid"), host.errLine());
    }
}
