package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.tcp.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What users run is what is tested: the real docker-compose.yml, on its own subnets and project
 * name so it never meets a lab that `./lab up` left running.
 */
@RequiresDocker
class ComposeLabIT {
    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path runDir = LabImages.ROOT.resolve("captures").resolve(runId);
    private final Subnet serverNet = Subnet.it(201);
    private final Subnet clientNet = Subnet.it(202);
    private ComposeLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
        FileUtils.deleteQuietly(runDir.toFile());
    }

    @Test
    void composeFileRunsTheClassicExerciseEndToEnd() throws Exception {
        Files.createDirectories(runDir);
        lab = ComposeLab.start(Map.of(
                "RUN_ID", runId,
                "BASE_IMAGE", LabImages.BASE_IMAGE,
                "SERVER_SUBNET", serverNet.cidr(), "SERVER_IP", serverNet.host(10), "ROUTER_SERVER_IP", serverNet.host(254),
                "CLIENT_SUBNET", clientNet.cidr(), "CLIENT_IP", clientNet.host(10), "ROUTER_CLIENT_IP", clientNet.host(254)));

        assertEquals(0, lab.awaitExit("client", 120), "client failed:\n" + lab.logs("client"));
        assertEquals(0, Docker.signalAndWait(lab.containerOf("capture"), "SIGINT", 30), "tcpdump did not stop cleanly");

        Path sample = LabImages.sample();
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(runDir.resolve("recv.txt")));
        List<Path> pcaps;
        try (Stream<Path> files = Files.list(runDir)) {
            // server-*.pcap beside the server; client-*.pcap (the router's client-net leg) is PlacementIT's.
            pcaps = files.filter(p -> p.getFileName().toString().startsWith("server-")).toList();
        }
        assertEquals(1, pcaps.size(), "one timestamped server-side pcap in " + runDir);
        assertTrue(pcaps.get(0).getFileName().toString().matches("server-\\d{8}T\\d{6}Z\\.pcap"), pcaps.toString());

        long greeting = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length;
        WiresharkAgreement.assertAgrees(pcaps.get(0));
        Wire.of(pcaps.get(0)).assertTransfer(clientNet.host(10), serverNet.host(10), 9898, greeting + Files.size(sample));
    }
}
