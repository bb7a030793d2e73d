package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * `./lab check` as a user runs it, on its own compose project and fixed subnets (so it never meets a
 * lab left running), with a classroom program folder from the test resources as the user's code.
 */
final class LabCheck implements AutoCloseable {
    private static final Pattern REPORT = Pattern.compile("Report +(\\S+)/report\\.md");
    private static final Path CLASSROOM = LabImages.ROOT.resolve("tests/src/test/resources/classroom");

    private final Map<String, String> env = new HashMap<>();
    private final List<Path> made = new ArrayList<>();

    LabCheck(Subnet serverNet, Subnet clientNet) {
        env.put("COMPOSE_PROJECT_NAME", "socklabcheck" + UUID.randomUUID().toString().substring(0, 6));
        env.put("SERVER_SUBNET", serverNet.cidr());
        env.put("ROUTER_SERVER_IP", serverNet.host(254));
        env.put("CHECK_SERVER_IP", serverNet.host(30));
        env.put("CLIENT_SUBNET", clientNet.cidr());
        env.put("ROUTER_CLIENT_IP", clientNet.host(254));
        env.put("CHECK_CLIENT_IP", clientNet.host(30));
        env.put("CHECK_CLIENT2_IP", clientNet.host(31));
    }

    /** Runs `./lab check ARGS` in the classroom folder {@code program} and reads the report it wrote. */
    Result run(String program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString(), "check"));
        cmd.addAll(List.of(args));
        String output = exec(CLASSROOM.resolve(program), cmd);
        Matcher m = REPORT.matcher(output);
        if (!m.find()) throw new AssertionError("./lab check wrote no report:\n" + output);
        Path dir = LabImages.ROOT.resolve(m.group(1));
        made.add(dir);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        return new Result(exitCode, output, dir, report);
    }

    private int exitCode;

    private String exec(Path workDir, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();   // ends when the process closes its output
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 5 minutes");
        }
        exitCode = p.exitValue();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Removes the project's containers and networks, and the check folders. */
    @Override
    public void close() throws Exception {
        exec(LabImages.ROOT, List.of(LabImages.ROOT.resolve("lab").toString(), "down"));
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
