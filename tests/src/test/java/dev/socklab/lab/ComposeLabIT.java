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
 * What a student runs by hand is what is tested: the committed docker-compose.yml under plain
 * docker-compose, moved to other addresses with nothing but LAB_NET, in order and with nothing polling.
 */
@RequiresDocker
class ComposeLabIT {
    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path runDir = LabImages.ROOT.resolve("captures").resolve(runId);
    private ComposeLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
        FileUtils.deleteQuietly(runDir.toFile());
    }

    @Test
    void composeFileRunsTheClassicExerciseEndToEnd() throws Exception {
        Files.createDirectories(runDir);
        lab = ComposeLab.start(Labs.routed(), Map.of("RUN_ID", runId));
        AddressPlan plan = lab.plan();

        assertEquals(0, lab.awaitExit("client", 120), "client failed:\n" + lab.logs("client"));
        assertTrue(lab.logs("server-ready").contains("ready: listening on tcp:9898, capturing"), lab.logs("server-ready"));
        assertEquals(0, Engine.signalAndWait(lab.containerOf("capture"), "SIGINT", 30), "tcpdump did not stop cleanly");

        Path sample = LabImages.sample();
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(runDir.resolve("recv.txt")));
        List<Path> pcaps;
        try (Stream<Path> files = Files.list(runDir)) {
            pcaps = files.filter(p -> p.getFileName().toString().startsWith("server-")).toList();
        }
        assertEquals(1, pcaps.size(), "one timestamped server-side pcap in " + runDir);
        assertTrue(pcaps.get(0).getFileName().toString().matches("server-\\d{8}T\\d{6}Z\\.pcap"), pcaps.toString());

        long greeting = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length;
        WiresharkAgreement.assertAgrees(pcaps.get(0));
        Placement.View v = Placement.ROUTED.atServer(plan);
        Wire.of(pcaps.get(0)).assertTransfer(v.client(), v.server(), v.port(), greeting + Files.size(sample));
    }
}
