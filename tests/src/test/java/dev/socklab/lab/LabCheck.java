package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * `./lab check` as a user runs it, with a classroom program folder from the test resources as the user's
 * code. Its own COMPOSE_PROJECT_NAME and no addresses: the check runs as project {@code <name>-check} on
 * subnets it finds free, and must leave nothing of it behind (every run asserts so).
 */
final class LabCheck implements AutoCloseable {
    private static final Path CLASSROOM = LabImages.ROOT.resolve("tests/src/test/resources/classroom");

    private final String project = "socklabcheck" + UUID.randomUUID().toString().substring(0, 6);
    private final List<Path> made = new ArrayList<>();

    /** Runs `./lab check ARGS --json` in the classroom folder {@code program} and reads the report it wrote. */
    Result run(String program, String... args) throws IOException, InterruptedException {
        return run(CLASSROOM.resolve(program), args);
    }

    /** The same in any folder (a test's own programs). */
    Result run(Path folder, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString(), "check"));
        cmd.addAll(List.of(args));
        cmd.add("--json");
        String output = exec(folder, cmd);
        int code = exitCode;   // before the look for leftovers runs docker
        String[] lines = output.strip().split("\n");
        JsonNode last;
        try {
            last = new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("./lab check printed no JSON outcome:\n" + output);
        }
        Path dir = Path.of(last.path("dir").asText());
        made.add(dir);
        List<String> left = leftBehind();
        if (!left.isEmpty()) throw new AssertionError("./lab check left " + left + " behind:\n" + output);
        JsonNode report = new ObjectMapper().readTree(Path.of(last.path("report").asText()).toFile());
        if (report.path("passed").asBoolean() != last.path("passed").asBoolean()) throw new AssertionError("--json and report.json disagree");
        return new Result(code, output, dir, report);
    }

    /** Containers, networks and volumes of the check's project. */
    List<String> leftBehind() throws IOException, InterruptedException {
        List<String> left = new ArrayList<>();
        String label = "label=com.docker.compose.project=" + project + "-check";
        for (String what : List.of("container", "network", "volume")) {
            List<String> cmd = new ArrayList<>(List.of("docker", what, "ls", "-q", "--filter", label));
            if (what.equals("container")) cmd.add(3, "-a");
            for (String id : exec(LabImages.ROOT, cmd).split("\n")) if (!id.isBlank()) left.add(what + " " + id.strip());
        }
        return left;
    }

    private int exitCode;

    private String exec(Path workDir, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("COMPOSE_PROJECT_NAME", project);
        pb.environment().remove("LAB_NET");   // the check finds free addresses itself
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();   // ends when the process closes its output
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 5 minutes");
        }
        exitCode = p.exitValue();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Removes the check folders (the check removed its containers, networks and volumes itself: run asserts it). */
    @Override
    public void close() {
        made.forEach(d -> FileUtils.deleteQuietly(d.toFile()));
    }
    /** One check: the exit code, the terminal output, the folder, and report.json. */
    record Result(int exitCode, String output, Path dir, JsonNode report) {

        /** The verdict ("pass", "fail", "info") of a check of the user's run, by id. */
        String verdict(String id) {
            return check(id).path("verdict").asText();
        }

        JsonNode check(String id) {
            for (JsonNode c : report.path("user").path("checks")) {
                if (id.equals(c.path("id").asText())) return c;
            }
            throw new AssertionError("no check " + id + " in " + report.path("user").path("checks"));
        }

        boolean referencePassed() {
            return report.path("reference").path("passed").asBoolean();
        }

        @Override
        public String toString() {
            return output;
        }
    }
}
