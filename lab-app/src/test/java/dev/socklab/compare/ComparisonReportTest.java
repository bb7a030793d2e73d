package dev.socklab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    private static final TransportRun TCP = new TransportRun("TCP", 200, 110, 90, 4_300_000, 4_200_100, 4_194_354, 4_194_304,
            4_194_304, true, 200, 3, 0.05, 6, "FIN client→server first, then server→client",
            12L, 30L, 0L, 4L, null, null, null, null, null, 400.0, TransportRun.mbps(4_194_304, 400.0), 6, 200 * 40);
    private static final TransportRun UDP = new TransportRun("UDP", 3400, 3400, 0, 4_360_000, 4_250_000, 3_990_000, 4_194_304,
            0, false, 3400, 0, null, 0, "none: UDP has no connection to close",
            null, null, null, null, 3496, 3325, 171, 2, 0, 300.0, 0.0, 4, 3400 * 20);
    private static final Comparison RUN = new Comparison("random-4M.bin", 4_194_304, "ab".repeat(32), 5.0, null, TCP, UDP);

    @TempDir
    Path tmp;

    @Test
    void theTableHasOneAlignedRowPerMeasureWithTcpAndUdpSideBySide() {
        List<String> lines = new ComparisonReport(RUN).table().render().lines().toList();
        assertEquals("measure", lines.get(0).split(" +")[0]);
        assertTrue(lines.stream().anyMatch(l -> l.matches("datagrams lost +— +171 of 3496 \\(4\\.9 %\\)")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("retransmissions +12 +—")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("SHA-256 match +yes +NO")));
        // The fixture's TCP ran over IPv6 and its UDP over IPv4: each packet's IP header, read from the capture.
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +IP header, each packet +40 bytes \\(IPv6\\) +20 bytes \\(IPv4\\)")),
                String.join("\n", lines));
        // Right-aligned numbers: every row ends at the same column.
        assertEquals(1, lines.stream().map(String::length).distinct().count(), String.join("\n", lines));
    }

    @Test
    void theFivePointsEachCarryANumberFromTheRun() {
        var points = new ComparisonReport(RUN).points();
        assertEquals(List.of("Reliability", "Ordering", "Error checking", "Flow control", "Speed"), List.copyOf(points.keySet()));
        assertTrue(points.get("Reliability").contains("171 lost") && points.get("Reliability").contains("12 retransmissions"));
        assertTrue(points.get("Ordering").contains("2 datagrams"));
        assertTrue(points.get("Flow control").contains("90 packets back"));
        points.values().forEach(p -> assertTrue(p.matches(".*\\d.*"), p));
    }

    @Test
    void markdownAndJsonAreWrittenWholeAndJsonLeavesOutWhatDoesNotApply() throws Exception {
        List<Path> written = new ComparisonReport(RUN).write(tmp);
        assertEquals(List.of(tmp.resolve("report.md"), tmp.resolve("report.json")), written);
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("| datagrams lost | — | 171 of 3496 (4.9 %) |"), md);
        assertTrue(md.contains("5% random loss"), md);

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
        assertEquals(4_194_304, json.get("sentBytes").asLong());
        assertEquals(12, json.at("/tcp/retransmissions").asInt());
        assertEquals(171, json.at("/udp/datagramsLost").asInt());
        assertFalse(json.get("udp").has("retransmissions"), "UDP has no retransmissions field at all");
        assertFalse(json.get("tcp").has("datagramsLost"));
        assertTrue(json.at("/udp/overheadPercent").isNumber());
    }
}
