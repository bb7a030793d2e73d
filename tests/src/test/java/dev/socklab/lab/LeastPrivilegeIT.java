package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * The server and client programs run as an unprivileged user with no capabilities: the containers have
 * NET_ADMIN only so that lab-host can add the route before it drops everything and execs java. Read-only
 * root filesystems; nothing privileged.
 */
@RequiresDocker
class LeastPrivilegeIT {
    private static TwoHostLab<ServerContainer> lab;

    @BeforeAll
    static void startLab() {
        lab = TwoHostLab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Test
    void serverProgramHasNoPrivilegeAtAll() throws Exception {
        assertUnprivileged(lab.server().programPrivileges(), "tcp-server");
        assertLockedDown(lab.server().getContainerInfo());
    }

    @Test
    void clientProgramHasNoPrivilegeAtAll() throws Exception {
        // A client that stays up long enough to be looked at: line mode, waiting for the server's close.
        try (ClientContainer client = lab.client().running("tcp-client", "{server}", "--stdin", "--timeout", "60s")
                .inBackground()) {
            client.withCreateContainerCmdModifier(cmd -> cmd.withStdinOpen(true));
            client.start();
            assertUnprivileged(client.programPrivileges(), "tcp-client");
            assertLockedDown(client.getContainerInfo());
        }
    }

    @Test
    void privilegedPortIsRefusedInOneLine() {
        // Docker lets anyone bind any port in a container unless this sysctl says otherwise.
        try (GenericContainer<?> server = new GenericContainer<>(LabImages.server())
                .withCommand("tcp-server", "--port", "80", "--out", "/tmp/out")
                .withEnv("LAB_OUT", "/tmp/out")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withSysctls(Map.of("net.ipv4.ip_unprivileged_port_start", "1024")))
                .withStartupCheckStrategy(new ClientContainer.RunsToCompletion().withTimeout(Duration.ofMinutes(1)))) {
            LockedDown.apply(server);
            server.start();
            assertEquals(1L, server.getCurrentContainerInfo().getState().getExitCodeLong(), server.getLogs());
            assertEquals("tcp-server: cannot listen on port 80: permission denied (ports below 1024 need root or "
                    + "CAP_NET_BIND_SERVICE)", server.getLogs().strip());
        }
    }

    private static void assertUnprivileged(ProcessPrivileges p, String program) {
        assertTrue(p.command().startsWith("java ") && p.command().contains(program), "PID 1 is the program: " + p);
        assertTrue(p.unprivilegedUser(), "not root: " + p);
        assertTrue(p.noCapabilities(), "no capability in any set: " + p);
        assertTrue(p.noNewPrivs(), "no_new_privs: " + p);
    }

    private static void assertLockedDown(InspectContainerResponse info) {
        assertTrue(Boolean.TRUE.equals(info.getHostConfig().getReadonlyRootfs()), "read-only root filesystem");
        assertFalse(Boolean.TRUE.equals(info.getHostConfig().getPrivileged()), "not privileged");
    }
}
