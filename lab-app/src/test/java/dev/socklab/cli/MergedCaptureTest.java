package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.CaptureMerge;
import dev.socklab.pcap.PcapngWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze and report on a run's merged pcapng: each capture point read apart, as the two files were. */
class MergedCaptureTest {
    @TempDir
    Path dir;

    private Path merged() throws Exception {
        Path file = dir.resolve("merged.pcapng");
        try (OutputStream out = Files.newOutputStream(file)) {
            CaptureMerge.merge(List.of(new CaptureMerge.Input("client", fixture("nat-client-side.pcap")),
                    new CaptureMerge.Input("server", fixture("nat-server-side.pcap"))), new PcapngWriter(out, "socklab test"));
        }
        return file;
    }

    @Test
    void analyzeShowsEachCapturePointAsTheTwoFilesShowedThem() throws Exception {
        Path file = merged();
        CliRun r = CliRun.of("analyze", file.toString());
        assertEquals(0, r.exit(), String.join("\n", r.err()));
        assertTrue(r.out().contains("merged.pcapng [client]: 16 packets, 1 TCP connection"), r.out().toString());
        assertTrue(r.out().contains("merged.pcapng [server]: 20 packets, 1 TCP connection"), r.out().toString());
        CliRun client = CliRun.of("analyze", fixture("nat-client-side.pcap").toString());
        int from = r.out().indexOf("merged.pcapng [client]: 16 packets, 1 TCP connection");
        // the same connection, the same lines, frame for frame
        assertEquals(client.out().subList(1, client.out().size()), r.out().subList(from + 1, from + client.out().size()));
    }

    @Test
    void pairOnOneMergedFilePairsItsFirstAndLastPoints() throws Exception {
        CliRun r = CliRun.of("analyze", "--pair", merged().toString(), "--expect-handshake", "8080");
        assertEquals(0, r.exit(), String.join("\n", r.err()));
        assertEquals("  A  merged.pcapng [client]  (16 packets, 1 TCP connection)", r.out().get(1));
        assertEquals("  B  merged.pcapng [server]  (20 packets, 1 TCP connection)", r.out().get(2));
        assertTrue(r.out().contains("    the SYN's TTL is 64 in A and 63 in B: 1 router between the two capture points"),
                r.out().toString());
    }

    @Test
    void pairOnOnePlainCaptureIsABadCommandLine() throws Exception {
        CliRun r = CliRun.of("analyze", "--pair", fixture("nat-client-side.pcap").toString());
        assertEquals(2, r.exit());
        assertEquals("analyze: --pair takes two captures, or one merged pcapng of two or more capture points; got 1 capture",
                r.errLine());
    }

    @Test
    void reportPutsTheCapturePointsInColumnsOnOnePage() throws Exception {
        Path file = merged();
        CliRun r = CliRun.of("report", file.toString());
        assertEquals(0, r.exit(), String.join("\n", r.err()));
        assertEquals(List.of("Report  " + dir.resolve("merged.html")
                + "  (2 capture points side by side: client, server; an SVG of each diagram beside it)"), r.out());
        String html = Files.readString(dir.resolve("merged.html"));
        assertTrue(html.contains("client") && html.contains("server"));
        assertTrue(html.contains("10.24.2.253:8080") && html.contains("10.24.3.15:9898"), "each point's own addresses");
        assertTrue(Files.isRegularFile(dir.resolve("merged-client-1.svg")));
        assertTrue(Files.isRegularFile(dir.resolve("merged-server-1.svg")));
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(MergedCaptureTest.class.getResource("/pcap/" + name).toURI());
    }
}
