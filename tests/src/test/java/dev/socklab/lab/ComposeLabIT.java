package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Container;
import dev.socklab.tcp.Protocol;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.LogUtils;

/**
 * What users run is what is tested: the real docker-compose.yml, through Testcontainers' compose
 * support and Debian's docker-compose, on its own subnets and project name so it never meets a
 * lab that `./lab up` left running.
 */
@RequiresDocker
class ComposeLabIT {
    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path runDir = LabImages.ROOT.resolve("captures").resolve(runId);
    private DockerComposeContainer<?> compose;

    @AfterEach
    void tearDown() {
        if (compose != null) compose.stop();   // removes the project's containers and networks
        FileUtils.deleteQuietly(runDir.toFile());
    }

    @Test
    void composeFileRunsTheClassicExerciseEndToEnd() throws Exception {
        Files.createDirectories(runDir);
        Map<String, String> env = Map.of(
                "RUN_ID", runId,
                "BASE_IMAGE", LabImages.BASE_IMAGE,
                "SERVER_SUBNET", "10.10.201.0/24", "SERVER_IP", "10.10.201.10", "ROUTER_SERVER_IP", "10.10.201.254",
                "CLIENT_SUBNET", "10.10.202.0/24", "CLIENT_IP", "10.10.202.10", "ROUTER_CLIENT_IP", "10.10.202.254");
        compose = new DockerComposeContainer<>("socklabit", new File(LabImages.ROOT.toFile(), "docker-compose.yml"))
                .withEnv(env)
                .withBuild(true)
                .withPull(false)
                .withStartupTimeout(Duration.ofMinutes(5))
                .waitingFor("server_1", Wait.forLogMessage(".*Server is listening on port : 9898.*", 1));
        compose.start();

        String project = compose.getContainerByServiceName("server_1").orElseThrow()
                .getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
        String client = containerOf(project, "client");
        long clientExit = Docker.client().waitContainerCmd(client).start().awaitStatusCode(120, TimeUnit.SECONDS);
        assertEquals(0, clientExit, "client failed:\n" + logs(client));

        long tcpdumpExit = Docker.signalAndWait(containerOf(project, "capture"), "SIGINT", 30);
        assertEquals(0, tcpdumpExit, "tcpdump did not stop cleanly");

        Path sample = LabImages.sample();
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(runDir.resolve("recv.txt")));
        List<Path> pcaps;
        try (Stream<Path> files = Files.list(runDir)) {
            pcaps = files.filter(p -> p.toString().endsWith(".pcap")).toList();
        }
        assertEquals(1, pcaps.size(), "one timestamped pcap in " + runDir);
        assertTrue(pcaps.get(0).getFileName().toString().matches("server-\\d{8}T\\d{6}Z\\.pcap"), pcaps.toString());

        long greeting = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length;
        Wire.of(pcaps.get(0)).assertTransfer("10.10.202.10", "10.10.201.10", 9898, greeting + Files.size(sample));
    }

    private static String containerOf(String project, String service) {
        List<Container> found = Docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
                .exec();
        assertEquals(1, found.size(), "containers of service " + service);
        return found.get(0).getId();
    }

    private static String logs(String containerId) {
        return LogUtils.getOutput(Docker.client(), containerId);
    }
}
