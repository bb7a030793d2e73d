package dev.socklab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.json and the table from a run's parts: best rounds, ratios against the targets, misses marked. */
class BenchReportTest {
    @TempDir
    Path dir;

    private void part(String name, String json) throws Exception {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts").resolve(name), json);
    }

    private static String iperf(double bitsPerSecond) {
        return "{\"end\": {\"sum_received\": {\"bits_per_second\": " + bitsPerSecond + "}}}";
    }

    @Test
    void transferRatiosUseEachContendersBestRoundAndMarkAMissedTarget() throws Exception {
        part("transfer-socklab-1.json", "{\"verified\": 1, \"bytesTotal\": 1073741824, \"gbitPerSecond\": 3.0}");
        part("transfer-socklab-2.json", "{\"verified\": 1, \"bytesTotal\": 1073741824, \"gbitPerSecond\": 4.0}");
        part("transfer-iperf-file-1.json", iperf(2.0e9));
        part("transfer-iperf-file-2.json", iperf(2.5e9));
        part("transfer-iperf-memory-1.json", iperf(10.0e9));
        part("transfer-classroom-1.json", "{\"bytes\": 1000000000, \"seconds\": 8.0}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();

        assertTrue(table.contains("4.00 Gbit/s"), table);
        assertTrue(table.contains("1.60×"), table);  // 4.0 / 2.5 ≥ 1.5: met
        assertTrue(table.contains("0.40×"), table);  // 4.0 / 10  < 0.5: missed
        assertTrue(table.contains("4.00×"), table);  // 4.0 / 1.0 < 5: missed
        assertFalse(report.allMet());

        JsonNode json = BenchReport.JSON.readTree(dir.resolve("bench.json").toFile());
        assertEquals(4.0, json.path("results").path("transfer").path("socklab_gbit_s").asDouble());
        assertEquals(2, json.path("results").path("transfer").path("socklab_gbit_s_rounds").size());
        long missed = 0;
        for (JsonNode row : json.path("summary")) if (row.has("met") && !row.path("met").asBoolean()) missed++;
        assertEquals(2, missed);
    }

    @Test
    void concurrencyMeetsItsTargetsOnlyWithEveryFileVerifiedAndTheRssRead() throws Exception {
        part("concurrency.json", "{\"clients\": 1000, \"verified\": 1000, \"bytesEach\": 65536, \"seconds\": 4.2}");
        part("concurrency-server.json", "{\"vmhwm_kib\": 188416}");
        BenchReport ok = new BenchReport(dir);
        String table = ok.write();
        assertTrue(table.contains("1000/1000"), table);
        assertTrue(table.contains("184 MiB"), table);
        assertTrue(ok.allMet(), table);

        part("concurrency-server.json", "{\"vmhwm_kib\": 0}");
        BenchReport unread = new BenchReport(dir);
        assertTrue(unread.write().contains("not read"));
        assertFalse(unread.allMet(), "an RSS that could not be read is not a met target");
    }

    @Test
    void aClassMeetsItsGoalAtHalfTheSerialTimeWithEverySubmissionGradedAsItsKindDeserves() throws Exception {
        part("class.json", "{\"submissions\": 30, \"jobs\": 4, \"parallel_seconds\": 400.0, \"serial_measured\": 4,"
                + " \"serial_measured_seconds\": 110.0, \"serial_seconds\": 820.0, \"serial_extrapolated\": true, \"graded_as_expected\": 30}");
        BenchReport met = new BenchReport(dir);
        String table = met.write();
        assertTrue(table.contains("(extrapolated by kind from 4 measured in 110.0 s)"), table);
        assertTrue(table.matches("(?s).*parallel / one after another +0\\.49× +≤ 0\\.5× +met.*"), table);
        assertTrue(met.allMet(), table);

        part("class.json", "{\"submissions\": 30, \"jobs\": 4, \"parallel_seconds\": 400.0, \"serial_measured\": 30,"
                + " \"serial_measured_seconds\": 790.0, \"serial_seconds\": 790.0, \"serial_extrapolated\": false, \"graded_as_expected\": 29}");
        BenchReport missed = new BenchReport(dir);
        String t2 = missed.write();
        assertTrue(t2.contains("0.51×") && t2.contains("29/30"), t2);
        assertFalse(t2.contains("extrapolated"), t2);
        assertFalse(missed.allMet(), t2);
    }

    @Test
    void udpReportsTheBestLosslessRateAndTheFirstLoss() throws Exception {
        part("udp-64-sent.json", "[{\"step\": 0, \"targetRate\": 1000, \"datagrams\": 1000, \"seconds\": 1.0},"
                + " {\"step\": 1, \"targetRate\": 0, \"datagrams\": 90000, \"seconds\": 1.0}]");
        part("udp-64-counted.json", "[{\"step\": 0, \"datagrams\": 1000}, {\"step\": 1, \"datagrams\": 45000}]");
        String table = new BenchReport(dir).write();
        assertTrue(table.contains("90,000/s"), table);       // the client's best send rate
        assertTrue(table.contains("1,000/s"), table);        // counted without loss
        assertTrue(table.contains("50.0% lost"), table);
    }

    @Test
    void warmStartIsJudgedAtTheVerifiedTransferAndTheWholeRunIsShownBeside() throws Exception {
        part("warm.json", "{\"runs\": ["
                + "{\"ok\": true, \"verified_s\": 2.9, \"total_s\": 3.8, \"phases\": {\"prerequisites\": 0.2}},"
                + "{\"ok\": true, \"verified_s\": 3.4, \"total_s\": 4.1, \"phases\": {\"prerequisites\": 0.3}},"
                + "{\"ok\": true, \"verified_s\": 2.7, \"total_s\": 3.6, \"phases\": {\"prerequisites\": 0.1}}]}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        assertTrue(table.contains("2.90 s"), table);   // the median time to the client's Verified line
        assertTrue(table.contains("3.80 s"), table);   // the median whole run, no target
        assertTrue(table.contains("0.20 s"), table);   // each phase's median
        assertTrue(report.allMet(), table);

        part("warm.json", "{\"runs\": [{\"ok\": false, \"verified_s\": 2.0, \"total_s\": 2.5, \"phases\": {}}]}");
        BenchReport failed = new BenchReport(dir);
        failed.write();
        assertFalse(failed.allMet(), "a run that did not verify is not a met target, however fast");
    }

    @Test
    void idleMeetsItsGoalOnlyWhenContainersAndEngineTogetherStayUnderTwoPercent() throws Exception {
        part("idle.json", "{\"seconds\": 30.0, \"containers_pct\": {\"server\": 0.1, \"router\": 0.05},"
                + " \"engine_pct\": {\"dockerd\": 0.4, \"containerd\": 0.3, \"shims\": 0.1},"
                + " \"containers_total_pct\": 0.15, \"engine_total_pct\": 0.8, \"total_pct\": 0.95, \"engine_before_lab_pct\": 0.7}");
        BenchReport ok = new BenchReport(dir);
        String table = ok.write();
        assertTrue(table.contains("0.95 %"), table);
        assertTrue(table.contains("container server"), table);
        assertTrue(ok.allMet(), table);

        part("idle.json", "{\"seconds\": 30.0, \"containers_pct\": {\"server\": 19.0}, \"engine_pct\": {},"
                + " \"containers_total_pct\": 19.0, \"engine_total_pct\": 2.0, \"total_pct\": 21.0}");
        BenchReport busy = new BenchReport(dir);
        String t2 = busy.write();
        assertFalse(busy.allMet(), t2);
        assertEquals(21.0, BenchReport.JSON.readTree(dir.resolve("bench.json").toFile()).path("results").path("idle")
                .path("total_pct").asDouble());
    }

    @Test
    void onASharedEngineTheIdleGoalIsOnTheLabsOwnShare() throws Exception {
        part("idle.json", "{\"seconds\": 30.0, \"containers_pct\": {\"server\": 0.2}, \"engine_pct\": {\"dockerd\": 8.0},"
                + " \"containers_total_pct\": 0.2, \"engine_total_pct\": 8.0, \"total_pct\": 8.2,"
                + " \"engine_before_lab_pct\": 7.9, \"lab_pct\": 0.3}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        assertTrue(table.contains("8.20 %"), table);
        assertTrue(table.contains("0.30 %"), table);
        assertTrue(report.allMet(), table);
    }

    @Test
    void warmIsSetAgainstTheEnginesFloorFromTheSameRun() throws Exception {
        part("warm.json", "{\"runs\": [{\"ok\": true, \"verified_s\": 4.0, \"total_s\": 6.0, \"phases\": {\"a\": 1.0}},"
                + " {\"ok\": true, \"verified_s\": 5.0, \"total_s\": 7.0, \"phases\": {\"a\": 2.0}},"
                + " {\"ok\": true, \"verified_s\": 6.0, \"total_s\": 8.0, \"phases\": {\"a\": 3.0}}],"
                + " \"floor\": [{\"ok\": true, \"seconds\": 2.0}, {\"ok\": true, \"seconds\": 2.5}, {\"ok\": true, \"seconds\": 9.0}]}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        assertTrue(table.contains("2.50 s"), table);   // the floor's median
        assertTrue(table.contains("2.00×"), table);    // 5.0 / 2.5 > 1.5: missed
        assertFalse(report.allMet(), table);
    }
}
