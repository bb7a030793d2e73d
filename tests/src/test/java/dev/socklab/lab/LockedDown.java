package dev.socklab.lab;

import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/** The server and client hosts as docker-compose.yml runs them: a read-only root filesystem and a tmpfs /tmp. */
final class LockedDown {
    private LockedDown() {
    }

    static void apply(GenericContainer<?> host) {
        host.withTmpFs(Map.of("/tmp", "rw,size=64m"));
        host.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true));
    }
}
