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
            try (var files = java.nio.file.Files.list(runDir(up).resolve("wire"))) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                assertTrue(!names.isEmpty() && names.stream().noneMatch(n -> n.endsWith(".part")),
                        "down stops the recorders, which complete their files: " + names);
            }
        } finally {
            net.close();
            runs.forEach(r -> FileUtils.deleteQuietly(LabImages.ROOT.resolve("captures").resolve(r).toFile()));
        }
        assertEquals(List.of(), lab.leftovers());
    }

    /** The running lab's client sends once more, as a second client of the same server; what it said. */
    private String clientSendsAgain() {
        Compose compose = new Lab(LabImages.ROOT, lab.project()).compose(Labs.routed(), new AddressPlan(up.path("lab_net").asText()),
                Map.of("RUN_ID", up.path("run").asText(), "SOCKLAB_TAG", LabImages.TAG, "BASE_IMAGE", LabImages.BASE_IMAGE));
        Exec.Result again = compose.run(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "-T", "client");
        assertEquals(0, again.exit(), again.out() + again.err());
        return again.out();
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

    @Test
    void sendIsANewRunOfTheRunningLabWithItsOwnFileCapturesAndVerdict() throws Exception {
        Path file = java.nio.file.Files.createTempFile("send", ".bin");
        try {
            byte[] content = new byte[200_000];
            new java.util.Random(17).nextBytes(content);
            java.nio.file.Files.write(file, content);
            // the client runs as an unprivileged user: a temporary file's 600 would keep it out
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            LabCli.Result r = lab.run("send", "--file", file.toString(), "--json");
            assertEquals(0, r.exitCode(), r.toString());
            JsonNode send = r.json();
            runs.add(send.path("run").asText());
            assertTrue(send.path("ok").asBoolean(), r.toString());
            Path dir = runDir(send);
            assertTrue(!dir.equals(runDir(up)), "a run folder of its own");
            // the server's file of this connection, not the lab's one recv.txt
            org.junit.jupiter.api.Assertions.assertArrayEquals(content, java.nio.file.Files.readAllBytes(dir.resolve("recv.txt")));
            Path merged = dir.resolve(send.path("merged_pcapng").asText());
            java.util.Set<String> points = new java.util.TreeSet<>(Tshark.lines(merged, "frame", "frame.interface_name"));
            assertEquals(java.util.Set.of("client", "server"), points);
            assertEquals(List.of("client\t64", "server\t63"),
                    Tshark.lines(merged, "tcp.flags == 0x002", "frame.interface_name", "ip.ttl"), "one connection, seen at both points");
            assertTrue(r.output().contains("capture drops: "), "the captures' own drops are reported:\n" + r.output());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        LabCli.Result none = new LabCli("nolab").run("send");
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.output().strip().lines().toList().getLast()
                .matches("send: no lab is running in project .*: start one with ./lab up"), none.toString());
    }

    @Test
    void thePageDrawsTheHandshakeWhileTheClientIsStillSending() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process watch = watch(port);
        Path file = java.nio.file.Files.createTempFile("watch", ".bin");
        try {

            // The port is taken now: one line naming the alternative.
            LabCli.Result taken = lab.run("watch", "--port", String.valueOf(port));
            assertEquals(1, taken.exitCode(), taken.toString());
            assertEquals("watch: port " + port + " on 127.0.0.1 is taken (is ./lab watch running already?): try ./lab watch --port "
                    + (port + 1), taken.output().strip().lines().toList().getLast());

            byte[] content = new byte[1_500_000];
            new java.util.Random(3).nextBytes(content);
            java.nio.file.Files.write(file, content);
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            try (HeadlessPage page = HeadlessPage.open("http://127.0.0.1:" + port + "/")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!page.text("#status").startsWith("capture points: client, router, server")) {
                    assertTrue(System.nanoTime() < deadline, "the page never showed its capture points");
                    Thread.sleep(200);
                }
                int before = Integer.parseInt(page.evaluate("String(document.querySelectorAll('section.flow').length)"));
                // A slow link, so the transfer lasts seconds (1.5 MB at 2 Mbit/s: about 6 s).
                assertEquals(0, lab.run("impair", "--rate", "2mbit").exitCode());
                Process send = lab.start("send", "--file", file.toString(), "--json");
                java.util.concurrent.CompletableFuture<String> sendOut = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(send.getInputStream().readAllBytes());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String rowsJs = "JSON.stringify(document.querySelectorAll('section.flow').length > " + before
                        + " ? [...document.querySelector('section.flow').querySelectorAll('tr.row')].map(r => r.dataset.label) : [])";
                deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                List<String> labels = List.of();
                while (labels.size() < 3) {
                    assertTrue(System.nanoTime() < deadline, "no handshake on the page; ./lab send said:\n" + (send.isAlive() ? "" : sendOut.get()));
                    Thread.sleep(200);
                    labels = List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(page.evaluate(rowsJs), String[].class));
                }
                boolean sending = send.isAlive();
                assertEquals(List.of("SYN", "SYN-ACK", "ACK"), labels.subList(0, 3), "the handshake, row by row: " + labels);
                assertTrue(sending, "the handshake must be on the page while the client is still sending");
                assertTrue(labels.stream().noneMatch(l -> l.contains("FIN")), "no teardown yet: " + labels);
                assertTrue(send.waitFor(5, java.util.concurrent.TimeUnit.MINUTES));
                assertEquals(0, send.exitValue(), sendOut.get());
                runs.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sendOut.get().strip().lines().toList().getLast())
                        .path("run").asText());
                // The same SYN at every point, and what changed on the way: the router took one from the TTL.
                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String syn;
                do {
                    Thread.sleep(200);
                    syn = page.text("section.flow tr.row");
                } while (System.nanoTime() < deadline && (syn.isEmpty() || syn.contains("…")));
                assertTrue(syn.contains("✓ TTL 64") && syn.contains("TTL 64→63 (1 hop)"), syn);
                String all = page.text("section.flow");
                assertTrue(all.contains("FIN"), "the teardown is drawn too");
                assertTrue(all.contains("bulk data: after the first"), "the thinning is said:\n" + all);
            } finally {
                lab.run("impair", "--clear");
            }
        } finally {
            watch.destroy();
            assertTrue(watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "./lab watch stops on SIGTERM");
            java.nio.file.Files.deleteIfExists(file);
        }
        assertEquals(List.of(), Docker.containers("socklab.live", "com.docker.compose.project=" + lab.project().toLowerCase()),
                "the live captures end with the watch");
    }

    @Test
    void theLabsRecordingKeepsEveryConnectionSinceTheLabStartedAndThePageStartsWithIt() throws Exception {
        // Your own client, with no page open and neither up nor send around it: only the lab's recording sees it.
        java.util.regex.Matcher connected = java.util.regex.Pattern.compile("Connected to \\S+ from \\S+:(\\d+)").matcher(clientSendsAgain());
        assertTrue(connected.find());
        String port = connected.group(1);
        Path wire = runDir(up).resolve("wire");
        List<String> syns = new ArrayList<>();
        try (var files = java.nio.file.Files.list(wire)) {
            for (Path f : files.sorted().toList()) syns.addAll(Tshark.lines(f, "tcp.flags == 0x002 && tcp.srcport == " + port, "frame.interface_name", "ip.ttl"));
        }
        java.util.Collections.sort(syns);
        assertEquals(List.of("client\t64", "server\t63"), syns, "tshark finds its SYN at both points of the recording");

        int webPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            webPort = free.getLocalPort();
        }
        Process watch = watch(webPort);
        try {
            try (HeadlessPage page = HeadlessPage.open("http://127.0.0.1:" + webPort + "/")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String text;
                do {
                    Thread.sleep(200);
                    text = page.text("body");
                } while (System.nanoTime() < deadline && !text.contains(":" + port + " →"));
                assertTrue(text.contains(":" + port + " →"), "the connection made while no page was open is in the history:\n" + text);
                assertTrue(text.contains("recorded since the lab started") && text.contains("first 64 KiB whole, then 160 bytes a frame")
                        && text.contains("the newest 8 kept"), "the page states the recording's bounds:\n" + text);
                assertTrue(text.contains("capture drops (lost by the capture itself, not by the network): client 0, server 0"), text);
            }
        } finally {
            watch.destroy();
            assertTrue(watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    /** ./lab watch on this port, once it says where it serves; its further output is read and dropped. */
    private Process watch(int port) throws Exception {
        Process watch = lab.start("watch", "--port", String.valueOf(port));
        java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getInputStream()));
        String line;
        do {
            line = said.readLine();
        } while (line != null && !line.startsWith("Watching project"));
        assertTrue(line != null && line.contains("http://127.0.0.1:" + port + "/"), "./lab watch did not start: " + line);
        Thread.ofVirtual().start(() -> said.lines().forEach(l -> { }));
        return watch;
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
