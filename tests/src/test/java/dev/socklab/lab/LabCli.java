package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The front door as a user runs it: {@code ./lab COMMAND ...} as a child process, on a compose project of
 * its own (never the user's "socklab"), with the test run's images. Decisions read the exit code and the
 * JSON line commands print with --json, never their prose.
 */
final class LabCli {
    private final Map<String, String> env = new HashMap<>();
    private final String project;

    LabCli(String purpose) {
        project = "socklabit-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
        env.put("COMPOSE_PROJECT_NAME", project);
        env.put("SOCKLAB_TAG", LabImages.TAG);
        env.put("BASE_IMAGE", LabImages.BASE_IMAGE);
    }

    LabCli with(String key, String value) {
        env.put(key, value);
        return this;
    }

    String project() {
        return project;
    }

    /** The project's containers and networks: none once it is down. */
    List<String> leftovers() {
        List<String> all = new ArrayList<>();
        for (String p : List.of(project, project + "-check", project + "-compare", project + "-bench")) {
            String label = "com.docker.compose.project=" + p.toLowerCase();
            all.addAll(Docker.containers(label));
            all.addAll(Docker.networks(label));
        }
        return all;
    }

    /** Runs ./lab with these arguments in {@code dir} and waits (at most 10 minutes). */
    Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();   // ends when the process closes its output
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 10 minutes");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(LabImages.ROOT, args);
    }

    /** Starts ./lab with these arguments and returns at once: output (merged) on the process's input stream. */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(LabImages.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Starts a bash pipeline (e.g. {@code ./lab capture | tshark -r -}) in the repository, with pipefail, output merged. */
    Process shell(String script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -o pipefail; " + script).directory(LabImages.ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** How a ./lab command ended. */
    record Result(int exitCode, String output) {
        /** The JSON object a command printed on its last line with --json. */
        JsonNode json() throws IOException {
            List<String> lines = output.strip().lines().toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (!last.startsWith("{")) throw new AssertionError("no JSON line at the end of:\n" + output);
            return new ObjectMapper().readTree(last);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }
}
