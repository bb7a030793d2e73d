package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lab up --json} as a user runs it, in a project and on addresses of its own: the front door, its
 * JVM and the whole run. What it did is read from its exit code and the JSON on its last line.
 */
public final class ChildLab {
    private final Lab lab;
    private final AddressPlan plan;
    private final Path log;
    private Process process;
    private Instant started;

    /** A child lab in project {@code lab}, with log file {@code log} (its whole output). */
    public ChildLab(Lab lab, AddressPlan plan, Path log) {
        this.lab = lab;
        this.plan = plan;
        this.log = log;
    }

    /** What one ./lab up did: exit code, its JSON (null when it printed none), when it started and ended. */
    public record Result(int exit, JsonNode json, Instant started, Instant ended) {
        public boolean ok() {
            return exit == 0 && json != null && json.path("ok").asBoolean();
        }

        public double seconds() {
            return Duration.between(started, ended).toNanos() / 1e9;
        }

        /** The run folder the child made, or null. */
        public Path dir() {
            return json == null || json.path("dir").isMissingNode() ? null : Path.of(json.path("dir").asText());
        }
    }

    public ChildLab start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(lab.root().resolve("lab").toString(), "up", "--json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(lab.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // Only what names this lab: a parent's run folder, snap length or addresses must not leak into it.
        pb.environment().keySet().removeIf(k -> k.equals("RUN_ID") || k.equals("SNAPLEN") || k.startsWith("LAB_")
                || k.endsWith("_SUBNET") || k.endsWith("_IP"));
        pb.environment().put("COMPOSE_PROJECT_NAME", lab.project());
        pb.environment().put("LAB_NET", plan.net());
        pb.environment().put("LAB_CALLER_DIR", lab.root().toString());
        String compose = System.getenv("LAB_COMPOSE");
        if (compose != null) pb.environment().put("LAB_COMPOSE", compose);
        started = Instant.now();
        process = pb.start();
        return this;
    }

    public Result await(Duration timeout) throws IOException, InterruptedException {
        int exit;
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            exit = process.exitValue();
        } else {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            exit = -1;
        }
        Instant ended = Instant.now();
        return new Result(exit, lastJson(log), started, ended);
    }

    /** The JSON object on the output's last non-blank line, or null. */
    static JsonNode lastJson(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) continue;
            if (!l.startsWith("{")) return null;
            try {
                return new ObjectMapper().readTree(l);
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
