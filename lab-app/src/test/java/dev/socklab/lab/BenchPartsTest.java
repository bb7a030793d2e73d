package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./lab bench and ./lab compare decide on without Docker: names, counters, the floor, a child's JSON. */
class BenchPartsTest {
    @TempDir
    Path dir;

    @Test
    void benchNamesAreCheckedBeforeAnythingStartsAndNoNameMeansTheDefaultSet() {
        assertEquals(Bench.DEFAULT, Bench.select(List.of()));
        assertTrue(!Bench.DEFAULT.contains("analyzer") && Bench.DEFAULT.contains("idle"));
        assertEquals(List.of("transfer", "idle"), Bench.select(List.of("transfer", "idle", "transfer")));
        LabFailure e = assertThrows(LabFailure.class, () -> Bench.select(List.of("transfer", "speed")));
        assertTrue(e.getMessage().contains("unknown bench: speed"), e.getMessage());
        assertThrows(LabFailure.class, () -> new Bench.Settings(0, 1, 1, 1, 1, 1, java.time.Duration.ofSeconds(1), "0", "1s", 1, 1, 1));
    }

    @Test
    void processCpuIsUserPlusSystemTicksEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 1000 0 0";
        assertEquals(325, IdleCpu.statTicks(stat));
        assertEquals(123456, IdleCpu.cpuStatMicros("usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n"));
        assertEquals(1.5, IdleCpu.percent(450_000_000L, 30_000_000_000L), 1e-9);
    }

    @Test
    void theCpuOfThisVeryProcessIsReadable() {
        long pid = ProcessHandle.current().pid();
        assertTrue(IdleCpu.processNanos((int) pid) > 0);
        assertEquals(-1, IdleCpu.processNanos(Integer.MAX_VALUE));
    }

    @Test
    void theFloorGivesEveryServiceANoOpThatKeepsHostsUpAndEndsOneShots() {
        String y = LifeBench.floorOverride(Labs.routed());
        for (Service s : Labs.routed().services()) assertTrue(y.contains("  " + s.name() + ": {entrypoint"), y);
        assertTrue(y.contains("  server: {entrypoint: [sh, -c, \"exec sleep infinity\"]}"), y);
        assertTrue(y.contains("  client: {entrypoint: [sh, -c, \"exit 0\"]}"), y);
        assertTrue(y.contains("  server-ready: {entrypoint: [sh, -c, \"exit 0\"]}"), y);
    }

    @Test
    void aChildLabIsJudgedByTheJsonOnItsLastLineOnly() throws Exception {
        Path log = dir.resolve("up.log");
        Files.writeString(log, "==> starting\nRESULT: OK\n{\"ok\":true,\"dir\":\"/x/captures/1\"}\n\n");
        assertTrue(ChildLab.lastJson(log).path("ok").asBoolean());
        Files.writeString(log, "{\"ok\":true}\nlab: the lab did not start\n");
        assertNull(ChildLab.lastJson(log));
    }

    @Test
    void tcpdumpsCountIsReadFromItsExitLines() {
        assertEquals(7250, AnalyzerBench.captured("tcpdump: listening on x\n7250 packets captured\n7250 packets received by filter\n"));
        assertEquals(1, AnalyzerBench.captured("1 packet captured\n"));
        assertThrows(LabFailure.class, () -> AnalyzerBench.captured("tcpdump: killed\n"));
    }

    @Test
    void compareRefusesSizesAndRatesBeforeAnythingStarts() throws Exception {
        assertThrows(LabFailure.class, () -> new Compare.Options(0, null, null, 0, false));
        assertThrows(LabFailure.class, () -> new Compare.Options(Compare.MAX_SIZE + 1, null, null, 0, false));
        assertThrows(LabFailure.class, () -> new Compare.Options(1024, "150", null, 0, false));
        assertThrows(LabFailure.class, () -> new Compare.Options(1024, null, "fast", 0, false));
        assertThrows(LabFailure.class, () -> new Compare.Options(1024, null, null, -1, false));
        Path f = dir.resolve("random.bin");
        Compare.randomFile(f, (1 << 20) + 3);
        assertEquals((1 << 20) + 3, Files.size(f));
    }
}
