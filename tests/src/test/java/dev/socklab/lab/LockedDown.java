package dev.socklab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;

/** The server and client hosts as docker-compose.yml runs them: a read-only root filesystem and a tmpfs /tmp. */
final class LockedDown {
    private LockedDown() {
    }

    static void apply(GenericContainer<?> host) {
        host.withTmpFs(Map.of("/tmp", "rw,size=64m"));
        host.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true));
    }

    /**
     * The one folder a locked-down server writes: a host folder bound at {@code dir}, as captures/<run> is in the
     * compose lab, so the program runs as its owner (LAB_OUT) and the test reads its files straight from the host.
     */
    static Path outputFolder(GenericContainer<?> host, String dir) {
        Path hostDir;
        try {
            hostDir = Files.createTempDirectory("socklab-it-received-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temp folder for the server's output", e);
        }
        host.withFileSystemBind(hostDir.toString(), dir, BindMode.READ_WRITE);
        host.withEnv("LAB_OUT", dir);
        return hostDir;
    }
}
