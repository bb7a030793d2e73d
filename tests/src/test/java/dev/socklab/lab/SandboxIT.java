package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ./lab check runs untrusted code: each hostile program (tests/src/test/resources/hostile) is contained and
 * named in its report, and the reference run after it still passes (the machine carried on).
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {
    private static final Path HOSTILE = LabImages.ROOT.resolve("tests/src/test/resources/hostile");
    private static LabCheck lab;

    @BeforeAll
    static void setUp() {
        lab = new LabCheck();
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) lab.close();
    }

    @Test
    void aProgramRunsUnprivilegedAndSeesOnlyItsOwnFolder() throws Exception {
        LabCheck.Result r = lab.run(HOSTILE, "--server", "python3 privileges.py", "--timeout", "5");
        String out = Files.readString(r.dir().resolve("user/server.log"), StandardCharsets.UTF_8);
        assertFalse(out.matches("(?s).*Uid:\\s+0\\s.*"), out);
        for (String cap : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
            assertTrue(out.contains(cap + ":\t0000000000000000"), cap + "\n" + out);
        }
        assertTrue(out.contains("NoNewPrivs:\t1"), out);
        assertTrue(out.contains("exists /captures False"), "no other run, no other student: " + out);
        assertTrue(out.contains("exists /var/lib/docker False"), out);
        assertTrue(out.contains("setuid(0) refused"), out);
        // lab-user's count of memory kills is its own: the program can neither forge it nor reach PID 1.
        assertTrue(out.contains("write to PID 1's stderr refused"), out);
        assertTrue(out.contains("signal to PID 1 refused"), out);
        assertEquals("pass", r.verdict("server-sandbox"), "no memory hog, however it printed: " + r);
        assertTrue(r.referencePassed(), r.toString());
    }

    @Test
    void aForkBombIsNamed() throws Exception {
        assertContained("python3 forkbomb.py", "fork bomb: ");
    }

    /** Twice: the sandbox counts each kill itself (the engine's flag says "killed" at most, and can miss even that). */
    @Test
    void aMemoryHogIsNamedWithEachKill() throws Exception {
        assertContained("python3 memhog.py; python3 memhog.py", "memory hog: the kernel killed 2 processes of it at its memory limit");
    }

    @Test
    void aDiskFillerIsNamed() throws Exception {
        LabCheck.Result r = assertContained("python3 diskfill.py", "disk filler: ");
        long kept = Files.size(r.dir().resolve("user/server/filler.bin"));
        assertTrue(kept <= 64L << 20, "the folder held at most its size: " + kept);
    }

    @Test
    void anEndlessPrinterIsNamed() throws Exception {
        LabCheck.Result r = assertContained("python3 printer.py", "endless printer: ");
        assertTrue(Files.size(r.dir().resolve("user/server.log")) <= 1 << 20, "the log holds at most the limit");
    }

    /** A listener on every address of the Docker host: an unfenced container reaches it, the user's program does not. */
    @Test
    @Order(Integer.MAX_VALUE)   // last: its control container needs the image the checks before it built
    void aProgramCannotReachTheDockerHost() throws Exception {
        assertCannotReachTheDockerHost();
    }

    /** The same over IPv6 (./lab check --ipv6): the fence keeps to the lab's /48, never a network's ::1. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aProgramCannotReachTheDockerHostOverIpv6() throws Exception {
        assertCannotReachTheDockerHost("--ipv6");
    }

    private static void assertCannotReachTheDockerHost(String... options) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("::"))) {   // IPv4 and IPv6
            AtomicInteger accepted = new AtomicInteger();
            Thread t = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int port = listener.getLocalPort();
            String control = dockerRun("python3", "-c", "import socket; socket.create_connection(('172.17.0.1', " + port + "), 5); print('reached')");
            assertTrue(control.contains("reached"), "an unfenced container reaches the host (else this test proves nothing): " + control);
            int before = accepted.get();

            List<String> args = new ArrayList<>(List.of("python3", "reach.py", String.valueOf(port)));
            args.addAll(hostAddresses());
            List<String> check = new ArrayList<>(List.of(options));
            check.addAll(List.of("--client", String.join(" ", args), "--timeout", "15"));
            LabCheck.Result r = lab.run(HOSTILE, check.toArray(String[]::new));
            String out = Files.readString(r.dir().resolve("user/client.log"), StandardCharsets.UTF_8);
            assertFalse(out.contains("reached"), out);
            assertTrue(out.contains("blocked DNS"), out);
            if (List.of(options).contains("--ipv6")) assertTrue(out.matches("(?s).*blocked fd00:[0-9a-f:]+::1 .*"), "a lab network's ::1: " + out);
            assertEquals(before, accepted.get(), "the host's listener saw no connection from the lab");
            assertEquals("fail", r.verdict("client-sandbox"), r.toString());
            assertTrue(r.check("client-sandbox").path("detail").asText().startsWith("tried to leave the lab: "), r.toString());
            assertTrue(r.referencePassed(), r.toString());
            listener.close();
            t.join(5000);
        }
    }

    private static LabCheck.Result assertContained(String server, String finding) throws Exception {
        LabCheck.Result r = lab.run(HOSTILE, "--server", server, "--timeout", "5");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("fail", r.verdict("server-sandbox"), r.toString());
        assertTrue(r.check("server-sandbox").path("detail").asText().startsWith(finding), r.toString());
        assertTrue(r.referencePassed(), "the reference run after it still passes: " + r);
        return r;
    }

    /** The machine's own addresses (its bridges' gateways among them), IPv4 and global IPv6. */
    private static List<String> hostAddresses() throws IOException {
        List<String> all = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a.isLoopbackAddress() || a.isLinkLocalAddress()) continue;
                all.add(a instanceof Inet4Address ? a.getHostAddress() : a.getHostAddress().replaceAll("%.*", ""));
            }
        }
        return all;
    }

    private static String dockerRun(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--entrypoint", command[0],
                "socklab/server:" + System.getenv().getOrDefault("SOCKLAB_TAG", "latest")));
        cmd.addAll(List.of(command).subList(1, command.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
