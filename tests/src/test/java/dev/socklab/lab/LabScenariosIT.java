package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ./lab compare and ./lab bench in their short forms, as a user runs them, in a compose project of the
 * test's own: judged on exit codes and the JSON on their last line, and nothing of theirs may be left on
 * the engine afterwards (their scenario projects are <project>-compare, <project>-bench, <project>-bench-pN).
 */
@RequiresDocker
class LabScenariosIT {
    /** The caller's project name plus "it" and a suffix: what the scenarios add to it is then the test's alone. */
    private final String project = System.getenv().getOrDefault("COMPOSE_PROJECT_NAME", "socklab") + "it"
            + UUID.randomUUID().toString().substring(0, 6);
    private final List<Path> made = new ArrayList<>();

    @AfterEach
    void tearDown() {
        made.forEach(d -> FileUtils.deleteQuietly(d.toFile()));
    }

    @Test
    void compareSendsOneMegabyteBothWaysAndLeavesNothingBehind() throws Exception {
        Run r = lab("compare", "--size", "1M", "--json");
        made.add(Path.of(r.json.path("dir").asText()));
        assertEquals(0, r.exit, r.output);
        assertTrue(r.json.path("ok").asBoolean(), r.output);
        assertEquals(1 << 20, r.json.path("bytes").asLong());
        assertEquals(0, r.json.path("tcp").path("client_exit").asInt(), r.output);
        assertTrue(r.json.path("tcp").path("received").asBoolean(), r.output);
        assertEquals(0, r.json.path("udp").path("client_exit").asInt(), r.output);
        JsonNode report = new ObjectMapper().readTree(Path.of(r.json.path("report").asText()).toFile());
        assertTrue(report.size() > 0, "report.json is empty");
        assertNothingLeft();
    }

    @Test
    void theQuickBenchRunsEveryDefaultBenchAndLeavesNothingBehind() throws Exception {
        Run r = lab("bench", "--quick", "--json");
        made.add(Path.of(r.json.path("dir").asText()));
        // 4: a goal missed. The short form measures too little to meet the full goals on a busy machine;
        // what it must do is run every bench to its end and write every figure.
        assertTrue(r.exit == 0 || r.exit == 4, "exit " + r.exit + "\n" + r.output);
        assertTrue(r.json.path("ok").asBoolean(), r.output);
        assertEquals(0, r.json.path("failed").size(), r.output);
        JsonNode bench = new ObjectMapper().readTree(Path.of(r.json.path("bench_json").asText()).toFile());
        for (String b : List.of("idle", "warm", "parallel", "transfer", "loopback", "startup", "concurrency", "udp")) {
            assertTrue(bench.path("results").has(b), "no " + b + " results in bench.json:\n" + r.output);
        }
        JsonNode results = bench.path("results");
        assertEquals(results.path("parallel").path("labs").asInt(), results.path("parallel").path("verified").asInt(), r.output);
        assertTrue(results.path("warm").path("runs").get(0).path("ok").asBoolean(), r.output);
        assertTrue(results.path("warm").path("floor").get(0).path("ok").asBoolean(), r.output);
        assertTrue(results.path("idle").path("total_pct").asDouble() >= 0, r.output);
        assertTrue(results.path("idle").path("containers_pct").size() >= 2, r.output);
        assertEquals(1, results.path("transfer").path("socklab").path("verified").asInt(), r.output);
        // loopback and startup judge themselves: every contender timed, every goal decided.
        assertTrue(results.path("loopback").path("seconds_best").path("socklab").asDouble() > 0, r.output);
        assertTrue(results.path("loopback").path("costs").path("sha256").path("core_seconds").asDouble() > 0, r.output);
        assertEquals(3, results.path("loopback").path("goals").size(), r.output);
        assertTrue(results.path("startup").path("seconds_best").path("tcp_server").asDouble() > 0, r.output);
        assertEquals(2, results.path("startup").path("goals").size(), r.output);
        // With loopback's costs beside it, the container path has its bound.
        assertTrue(results.path("transfer").path("bound_seconds").asDouble() > 0, r.output);
        assertEquals(results.path("concurrency").path("clients").path("clients").asInt(),
                results.path("concurrency").path("clients").path("verified").asInt(), r.output);
        assertNothingLeft();
    }

    @Test
    void anUnknownBenchFailsAtOnceWithOneLine() throws Exception {
        Run r = lab("bench", "speed");
        assertEquals(1, r.exit, r.output);
        assertTrue(r.output.strip().endsWith("unknown bench: speed (idle, warm, parallel, transfer, loopback, startup, concurrency, udp, analyzer, class)"), r.output);
        assertTrue(!r.output.contains("Exception"), r.output);
    }

    /** No container or network of this test's projects (the scenarios' are named after it). */
    private void assertNothingLeft() throws Exception {
        for (String what : List.of("ps -a", "network ls")) {
            List<String> cmd = new ArrayList<>(List.of("docker"));
            cmd.addAll(List.of(what.split(" ")));
            cmd.addAll(List.of("--format", "{{.Names}} {{.Name}}"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            assertTrue(out.lines().noneMatch(l -> l.contains(project)), "left behind by " + project + ":\n" + out);
        }
    }

    private record Run(int exit, String output, JsonNode json) {
    }

    /** ./lab ARGS in this test's project; the JSON on the last line (null when there is none). */
    private Run lab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(LabImages.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("COMPOSE_PROJECT_NAME", project);
        Path log = Files.createTempFile("socklab-scenario-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 20 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        JsonNode json = null;
        if (!lines.isEmpty() && lines.getLast().startsWith("{")) json = new ObjectMapper().readTree(lines.getLast());
        return new Run(p.exitValue(), output, json == null ? new ObjectMapper().createObjectNode() : json);
    }
}
