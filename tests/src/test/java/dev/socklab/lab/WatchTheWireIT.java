package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
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

    /** The running lab's client sends once more, as a second client of the same server. */
    private void clientSendsAgain() {
        Compose compose = new Lab(LabImages.ROOT, lab.project()).compose(Labs.routed(), new AddressPlan(up.path("lab_net").asText()),
                Map.of("RUN_ID", up.path("run").asText(), "SOCKLAB_TAG", LabImages.TAG, "BASE_IMAGE", LabImages.BASE_IMAGE));
        Exec.Result again = compose.run(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "-T", "client");
        assertEquals(0, again.exit(), again.out() + again.err());
    }

    @Test
    void captureStreamsEveryPointLiveIntoTsharkAndStopsQuietlyWhenTsharkDoes() throws Exception {
        // tshark reads the live stream and stops after 40 packets: ./lab capture then exits 0 (pipefail) and quietly.
        Process p = lab.shell("./lab capture | tshark -r - -c 40 -T fields -e frame.interface_name -e tcp.flags.str 2>/dev/null");
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // The stream needs a moment to start its tcpdumps; the client sends twice to be sure it is seen.
        Thread.sleep(8000);
        clientSendsAgain();
        clientSendsAgain();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "./lab capture | tshark -c 40 did not end");
        String text = out.get();
        assertEquals(0, p.exitValue(), text);
        java.util.Set<String> points = new java.util.TreeSet<>();
        text.lines().filter(l -> l.contains("\t")).forEach(l -> points.add(l.split("\t")[0]));
        assertEquals(java.util.Set.of("client", "router", "server"), points, text);
        assertTrue(text.lines().anyMatch(l -> l.equals("server\t··········S·")), "the SYN beside the server:\n" + text);
        assertEquals(List.of(), Docker.containers("socklab.live", "com.docker.compose.project=" + lab.project().toLowerCase()), "no live capture container outlives its reader");
        // A lab that is not running: one line saying how to start one.
        LabCli none = new LabCli("nolab");
        LabCli.Result r = none.run("capture");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.output().strip().lines().toList().getLast().matches("capture: no lab is running in project .*: start one with ./lab up"),
                r.toString());
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
