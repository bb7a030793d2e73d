package dev.socklab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        part("transfer-iperf-file-1.json", iperf(5.5e9));
        part("transfer-iperf-file-2.json", iperf(2.5e9));
        part("transfer-iperf-memory-1.json", iperf(10.0e9));
        part("transfer-classroom-1.json", "{\"bytes\": 1000000000, \"seconds\": 8.0}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();

        assertTrue(table.contains("4.00 Gbit/s"), table);
        assertTrue(table.contains("0.73×"), table);  // 4.0 / 5.5 < 0.8: missed
        assertTrue(table.matches("(?s).*socklab / iperf3 file mode +0\\.73× +≥ 0\\.8× +MISSED \\(9 % short\\).*"), table);
        assertTrue(table.contains("4.00×"), table);  // 4.0 / 1.0 ≥ 4: met
        assertFalse(table.contains("bound"), "no bound without the costs bench loopback measures: " + table);
        assertFalse(report.allMet());

        JsonNode json = BenchReport.JSON.readTree(dir.resolve("bench.json").toFile());
        assertEquals(4.0, json.path("results").path("transfer").path("socklab_gbit_s").asDouble());
        assertEquals(2, json.path("results").path("transfer").path("socklab_gbit_s_rounds").size());
        assertEquals(1, missed(json));
        assertEquals(List.of("9 % short"), summary(json, "missed_by"));
        assertEquals(table.strip(), BenchReport.table(json).strip(), "the table renders again from bench.json alone");
    }

    @Test
    void aMissSaysItsSizeAndNeverReadsAsNothing() {
        assertEquals("", BenchReport.shortOf(0.9, 0.9));
        assertEquals("25 % short", BenchReport.shortOf(0.6, 0.8));
        assertEquals("0.3 % over", BenchReport.overOf(1.504, 1.5));
        assertEquals("", BenchReport.overOf(1.5, 1.5));
        assertEquals("2 short", BenchReport.countShort(8, 10));
        assertEquals("MISSED (2 short)", BenchReport.result(false, "2 short"));
        assertEquals("", BenchReport.result(null, ""));
    }

    private static List<String> summary(JsonNode benchJson, String field) {
        List<String> found = new java.util.ArrayList<>();
        for (JsonNode row : benchJson.path("summary")) if (row.has(field)) found.add(row.path(field).asText());
        return found;
    }

    private static long missed(JsonNode benchJson) {
        long missed = 0;
        for (JsonNode row : benchJson.path("summary")) if (row.has("met") && !row.path("met").asBoolean()) missed++;
        return missed;
    }

    /** bench loopback's costs (core-seconds per GiB: SHA-256 0.8, read 0.3, write 0.6) on 2 cores. */
    private static final String LOOPBACK = "{\"rounds\": 1, \"seconds_best\": {\"socklab\": 4.0, \"iperf3_file\": 2.0},"
            + " \"costs\": {\"cores\": 2, \"sha256\": {\"bytes\": 1073741824, \"core_seconds\": 0.8, \"core_seconds_per_gib\": 0.8, \"gb_per_second\": 1.3},"
            + " \"file_read\": {\"bytes\": 1073741824, \"core_seconds\": 0.3, \"core_seconds_per_gib\": 0.3, \"gb_per_second\": 3.5},"
            + " \"file_write\": {\"bytes\": 1073741824, \"core_seconds\": 0.6, \"core_seconds_per_gib\": 0.6, \"gb_per_second\": 1.7},"
            + " \"loopback_memory\": {\"bytes\": 1073741824, \"core_seconds\": 0.8, \"core_seconds_per_gib\": 0.8, \"gb_per_second\": 1.3},"
            + " \"bound_transfer_seconds\": 1.6, \"bound_with_jvm_start_seconds\": 1.7},"
            + " \"ratios\": [{\"measure\": \"socklab / bare JVM verified copy (time ratio)\", \"ratio\": 0.875}],"
            + " \"goals\": [{\"measure\": \"socklab / iperf3 -F (time ratio, higher is faster)\", \"ratio\": 0.5, \"goal\": 0.6, \"met\": false},"
            + " {\"measure\": \"socklab / classroom loop\", \"ratio\": 6.0, \"goal\": 5.0, \"met\": true}]}";

    @Test
    void theContainerPathsBoundIsItsCeilingPlusTheVerifiedTransfersOwnWorkOverTheCores() throws Exception {
        part("transfer-socklab-1.json", "{\"verified\": 1, \"bytesTotal\": 1073741824, \"gbitPerSecond\": 4.0}");
        part("transfer-iperf-memory-1.json", iperf(10.0e9));
        part("loopback.json", LOOPBACK);
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        // 1 GiB at 10 Gbit/s: 0.86 s; + (2 x 0.8 + 0.3 + 0.6) core-s / 2 cores = 1.25 s: 2.11 s.
        assertEquals(2.109, BenchReport.bound(1L << 30, 10.0, BenchReport.JSON.readTree(LOOPBACK).path("costs")), 0.001);
        assertTrue(table.contains("2.11 s"), table);
        assertTrue(table.contains("0.98×"), table);   // 2.11 s / 2.15 s (1 GiB at 4 Gbit/s) ≥ 0.9: met
        // bench loopback's own rows and goals come along, judged as it judged them.
        assertTrue(table.contains("cost: sha256"), table);
        assertTrue(table.contains("0.50×"), table);
        // Its ratios without a goal: a row with a value, neither met nor MISSED.
        assertTrue(table.lines().anyMatch(l -> l.contains("socklab / bare JVM verified copy") && l.strip().endsWith("0.88×")), table);
        JsonNode json = BenchReport.JSON.readTree(dir.resolve("bench.json").toFile());
        assertEquals(1, missed(json), table);
        assertEquals(2.0, json.path("results").path("loopback").path("seconds_best").path("iperf3_file").asDouble());
    }

    @Test
    void theBareJvmOnTheSamePathShowsHowMuchOfTheBoundAnyJavaProgramReaches() throws Exception {
        part("transfer-socklab-1.json", "{\"verified\": 1, \"bytesTotal\": 1073741824, \"gbitPerSecond\": 4.0}");
        part("transfer-bare-jvm-1.json", "{\"bytes\": 1073741824, \"seconds\": 2.5}");
        part("transfer-bare-jvm-2.json", "{\"bytes\": 1073741824, \"seconds\": 2.0}");
        part("transfer-iperf-memory-1.json", iperf(10.0e9));
        part("loopback.json", LOOPBACK);
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        // Its best round: 1 GiB in 2.0 s, 4.29 Gbit/s; the bound (2.11 s, above) / 2.0 s; socklab 4.0 / 4.29.
        assertTrue(table.lines().anyMatch(l -> l.contains("bare JVM verified copy, same path (best of 2)") && l.strip().endsWith("4.29 Gbit/s")), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("bare JVM verified copy / its bound") && l.strip().endsWith("1.05×")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("transfer") && l.contains("socklab / bare JVM verified copy")
                && l.strip().endsWith("0.93×")), table);
        JsonNode json = BenchReport.JSON.readTree(dir.resolve("bench.json").toFile());
        assertEquals(2, json.path("results").path("transfer").path("bare_jvm_gbit_s_rounds").size());
        assertEquals(1, missed(json), "the bare JVM's rows are no goals: " + table);
    }

    @Test
    void startUpRowsComeFromTheStartupBenchsOwnJudgement() throws Exception {
        part("startup.json", "{\"rounds\": 5, \"seconds_best\": {\"server_floor\": 0.1, \"tcp_server\": 0.3},"
                + " \"goals\": [{\"measure\": \"tcp-server to listening / one-class ServerSocket\", \"ratio\": 3.0,"
                + " \"goal_at_most\": 1.2, \"met\": false}]}");
        BenchReport report = new BenchReport(dir);
        String table = report.write();
        assertTrue(table.contains("tcp server (best of 5)"), table);
        assertTrue(table.contains("≤ 1.2×"), table);
        assertTrue(table.contains("MISSED (150 % over)"), "3.0× against at most 1.2×: " + table);
        assertFalse(report.allMet(), table);
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
        assertTrue(unread.write().contains("MISSED (not read)"));
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
