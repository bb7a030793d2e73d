package dev.socklab.lab;

import com.github.dockerjava.api.model.Container;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.LogUtils;

/**
 * The real docker-compose.yml, brought up by whichever compose is installed: `docker compose`
 * (v2, Testcontainers' ComposeContainer) or Debian's `docker-compose` 1.29 (DockerComposeContainer).
 */
final class ComposeLab implements AutoCloseable {
    private static final WaitStrategy SERVER_LISTENING = Wait.forLogMessage(".*Server is listening on port : 9898.*", 1);

    private final Startable compose;
    private final ContainerState server;

    private ComposeLab(Startable compose, ContainerState server) {
        this.compose = compose;
        this.server = server;
    }

    /** Builds the images (cached) and starts the lab; returns once the server listens. */
    static ComposeLab start(Map<String, String> env) {
        return start(env, "", "server");
    }

    /**
     * Starts {@code services} (all of the default profile when none) with {@code profile} enabled
     * (COMPOSE_PROFILES, read by both composes); returns once the {@code server} service listens.
     */
    static ComposeLab start(Map<String, String> env, String profile, String server, String... services) {
        File file = LabImages.ROOT.resolve("docker-compose.yml").toFile();
        Map<String, String> withProfile = new java.util.HashMap<>(env);
        withProfile.put("COMPOSE_PROFILES", profile);
        if (hasComposeV2()) {
            ComposeContainer v2 = new ComposeContainer("socklabit", file).withEnv(withProfile).withServices(services)
                    .withBuild(true).withPull(false).withStartupTimeout(Duration.ofMinutes(5))
                    .waitingFor(server + "-1", SERVER_LISTENING);
            return started(v2, () -> v2.getContainerByServiceName(server + "-1"));
        }
        DockerComposeContainer<?> v1 = new DockerComposeContainer<>("socklabit", file).withEnv(withProfile)
                .withServices(services).withBuild(true).withPull(false).withStartupTimeout(Duration.ofMinutes(5))
                .waitingFor(server + "_1", SERVER_LISTENING);
        return started(v1, () -> v1.getContainerByServiceName(server + "_1"));
    }

    private static ComposeLab started(Startable compose, java.util.function.Supplier<Optional<ContainerState>> server) {
        compose.start();
        return new ComposeLab(compose, server.get().orElseThrow(() -> new IllegalStateException("no server container")));
    }

    /** The compose project name Testcontainers chose (the identifier plus a random suffix). */
    String project() {
        return server.getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
    }

    /** The id of a service's container, running or exited. */
    String containerOf(String service) {
        List<Container> found = Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project(), "com.docker.compose.service", service))
                .exec();
        if (found.size() != 1) throw new IllegalStateException(found.size() + " containers for service " + service);
        return found.get(0).getId();
    }

    /** Waits for a one-shot service (the client) to exit and returns its exit code. */
    long awaitExit(String service, int timeoutSeconds) {
        return Docker.client().waitContainerCmd(containerOf(service)).start().awaitStatusCode(timeoutSeconds, TimeUnit.SECONDS);
    }

    String logs(String service) {
        return LogUtils.getOutput(Docker.client(), containerOf(service));
    }

    @Override
    public void close() {
        compose.stop();   // removes the project's containers and networks
    }

    private static boolean hasComposeV2() {
        try {
            Process p = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
