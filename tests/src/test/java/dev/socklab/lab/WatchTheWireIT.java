package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Watching the wire (docs/watch.md), judged by tshark: the run's merged pcapng has one interface per capture
 * point, each holding exactly the frames of that point's own pcap and the handshake as seen there.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchTheWireIT {
    private final LabCli lab = new LabCli("watch");
    private final List<String> runs = new ArrayList<>();
    private FreeNet.Claim net;
    private JsonNode up;

    @BeforeAll
    void up() throws Exception {
        net = TestNet.claim();
        lab.with("LAB_NET", net.plan().net());
        LabCli.Result r = lab.run("up", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        up = r.json();
        runs.add(up.path("run").asText());
    }

    @AfterAll
    void down() throws Exception {
        try {
            lab.run("down");
        } finally {
            net.close();
            runs.forEach(r -> FileUtils.deleteQuietly(LabImages.ROOT.resolve("captures").resolve(r).toFile()));
        }
        assertEquals(List.of(), lab.leftovers());
    }

    private Path runDir(JsonNode run) {
        return Path.of(run.path("dir").asText());
    }

    @Test
    void theMergedCaptureHasOneInterfacePerCapturePointWithThatPointsFrames() throws Exception {
        Path dir = runDir(up);
        Path merged = dir.resolve(up.path("merged_pcapng").asText());
        Map<String, Path> points = new LinkedHashMap<>();
        points.put("client", dir.resolve(up.path("client_pcap").asText()));
        points.put("server", dir.resolve(up.path("server_pcap").asText()));

        Map<String, Integer> framesByInterface = new LinkedHashMap<>();
        for (String line : Tshark.lines(merged, "frame", "frame.interface_name")) framesByInterface.merge(line, 1, Integer::sum);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (var p : points.entrySet()) expected.put(p.getKey(), Tshark.lines(p.getValue(), "frame", "frame.number").size());
        assertEquals(expected, framesByInterface, "tshark: frames per interface of the merged file = frames of each pcap");

        // Frames in time order, and each point's handshake as tshark reads it there: SYN, SYN-ACK, ACK.
        List<String> times = Tshark.lines(merged, "frame", "frame.time_epoch");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(Double.parseDouble(times.get(i)) >= Double.parseDouble(times.get(i - 1)), "frame " + (i + 1));
        }
        for (String point : points.keySet()) {
            List<String> flags = Tshark.lines(merged, "frame.interface_name == \"" + point + "\" && tcp.port == 9898",
                    "tcp.flags.str");
            assertTrue(flags.size() >= 3, point + ": " + flags);
            assertEquals(List.of("··········S·", "·······A··S·", "·······A····"), flags.subList(0, 3), point);
        }
        // The SYN's TTL: 64 on the client's side, 63 beside the server (one router between).
        assertEquals(List.of("client\t64", "server\t63"), Tshark.lines(merged, "tcp.flags == 0x002", "frame.interface_name", "ip.ttl"));
    }
}
