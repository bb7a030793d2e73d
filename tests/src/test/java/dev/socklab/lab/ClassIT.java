package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./lab check --class on a class of six, checked side by side: a correct server, one that saves a canned recv.txt
 * (each student is sent a file of their own), and four hostile ones, each named in its own report while the others
 * are graded as usual; the three class reports; nothing left running; --resume checks only what is missing.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassIT {
    private static final Path CLASSROOM = LabImages.ROOT.resolve("tests/src/test/resources/classroom");
    private static final Path HOSTILE = LabImages.ROOT.resolve("tests/src/test/resources/hostile");
    private static final String PROJECT = "socklabclass" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path submissions;
    private static JsonNode outcome;
    private static String output;
    private static Path dir;

    @BeforeAll
    static void checkTheClass() throws Exception {
        submission("alice", CLASSROOM.resolve("tcp-good/server.py"));
        submission("bob", HOSTILE.resolve("canned.py"));
        submission("carol", HOSTILE.resolve("forkbomb.py"));
        submission("dave", HOSTILE.resolve("memhog.py"));
        submission("erin", HOSTILE.resolve("diskfill.py"));
        // frank reaches for the Docker host (its gateways, Docker's DNS), then prints for ever.
        Path frank = submission("frank", HOSTILE.resolve("printer.py"));
        Files.copy(HOSTILE.resolve("reach.py"), frank.resolve("reach.py"));
        Files.copy(HOSTILE.resolve("printer.py"), frank.resolve("printer.py"));
        Files.writeString(frank.resolve("server.py"), "import runpy, sys\nsys.argv = ['reach.py', '2375']\nrunpy.run_path('reach.py')\n"
                + "runpy.run_path('printer.py')\n");
        output = lab("check", "--class", submissions.toString(), "--server", "python3 server.py", "--timeout", "5s", "--json");
        outcome = json(output);
        dir = Path.of(outcome.path("dir").asText());
    }

    @AfterAll
    static void tearDown() {
        if (dir != null) FileUtils.deleteQuietly(dir.toFile());
    }

    @Test
    void eachStudentIsGradedOnItsOwnAndTheHostileOnesAreNamed() throws Exception {
        assertEquals(6, outcome.path("submissions").asInt(), output);
        assertEquals(1, outcome.path("passed_submissions").asInt(), output);
        assertEquals(0, outcome.path("errors").asInt(), output);
        assertTrue(user("alice").path("passed").asBoolean(), output);

        JsonNode file = check("bob", "file");
        assertEquals("fail", file.path("verdict").asText(), file.toString());
        String sha = new ObjectMapper().readTree(dir.resolve("bob/outcome.json").toFile()).path("fileSha256").asText();
        assertTrue(Files.readString(dir.resolve("bob/report.md")).contains(sha), "the report shows the expected SHA-256");

        for (Map.Entry<String, String> e : Map.of("carol", "fork bomb: ", "dave", "memory hog: ", "erin", "disk filler: ",
                "frank", "tried to leave the lab: ").entrySet()) {
            JsonNode sandbox = check(e.getKey(), "server-sandbox");
            assertEquals("fail", sandbox.path("verdict").asText(), e.getKey() + ": " + sandbox);
            assertTrue(sandbox.path("detail").asText().contains(e.getValue()), e.getKey() + ": " + sandbox);
        }
        assertTrue(check("frank", "server-sandbox").path("detail").asText().contains("endless printer: "), "both of frank's findings");
        for (String s : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            JsonNode report = new ObjectMapper().readTree(dir.resolve(s).resolve("report.json").toFile());
            assertTrue(report.path("reference").path("passed").asBoolean(), s + ": the reference run beside it still passed");
        }
    }

    @Test
    void theClassReportsHoldEveryStudent() throws Exception {
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertEquals(6, junit.split("<testsuite ").length - 1, junit);
        assertTrue(junit.contains("expected "), "a failure carries the expected file: " + junit);
        List<String> csv = Files.readAllLines(dir.resolve("class.csv"));
        assertEquals(7, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("alice,passed,"), csv.toString());
        assertTrue(csv.get(2).startsWith("bob,failed,"), csv.toString());
        String html = Files.readString(dir.resolve("class.html"));
        for (String s : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            assertTrue(html.contains("href=\"" + s + "/report.md\""), s);
            assertTrue(Files.isRegularFile(dir.resolve(s).resolve("junit.xml")), s);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)   // last: it redoes alice
    void nothingIsLeftRunningAndResumeChecksOnlyWhatIsMissing() throws Exception {
        assertEquals(List.of(), leftovers(), "the class's projects are gone");
        String sha = new ObjectMapper().readTree(dir.resolve("alice/outcome.json").toFile()).path("fileSha256").asText();
        FileUtils.deleteDirectory(dir.resolve("alice").toFile());   // as if the run had stopped before alice finished
        String again = lab("check", "--resume", dir.toString(), "--json");
        JsonNode resumed = json(again);
        assertEquals(1, resumed.path("checked").asInt(), again);
        assertEquals(5, resumed.path("skipped").asInt(), again);
        assertTrue(user("alice").path("passed").asBoolean(), again);
        assertEquals(sha, new ObjectMapper().readTree(dir.resolve("alice/outcome.json").toFile()).path("fileSha256").asText(),
                "the seed recorded in the folder sends alice the same file");
        assertEquals(List.of(), leftovers());
    }

    private static Path submission(String student, Path server) throws IOException {
        Path d = Files.createDirectories(submissions.resolve(student));
        Files.copy(server, d.resolve("server.py"));
        return d;
    }

    private static JsonNode user(String student) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(student).resolve("report.json").toFile()).path("user");
    }

    private static JsonNode check(String student, String id) throws IOException {
        for (JsonNode c : user(student).path("checks")) if (id.equals(c.path("id").asText())) return c;
        throw new AssertionError("no check " + id + " for " + student);
    }

    private static JsonNode json(String out) throws IOException {
        String[] lines = out.strip().split("\n");
        try {
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("no JSON outcome:\n" + out);
        }
    }

    /** Containers and networks of the class's projects (<project>-class-N) and its address claims. */
    private static List<String> leftovers() throws IOException, InterruptedException {
        List<String> left = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String label = "com.docker.compose.project=" + PROJECT + "-class-" + i;
            left.addAll(Docker.containers(label));
            left.addAll(Docker.networks(label));
        }
        return left;
    }

    private static String lab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(LabImages.ROOT.resolve("lab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(LabImages.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("COMPOSE_PROJECT_NAME", PROJECT);
        pb.environment().put("SOCKLAB_TAG", LabImages.TAG);
        pb.environment().put("BASE_IMAGE", LabImages.BASE_IMAGE);
        pb.environment().remove("LAB_NET");   // each submission's lab finds free addresses itself
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 15 minutes");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
