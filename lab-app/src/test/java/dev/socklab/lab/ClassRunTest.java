package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a class run decides before any lab starts: the submissions, their folders, the recorded options, --jobs. */
class ClassRunTest {
    @TempDir
    Path dir;

    @Test
    void eachSubfolderIsOneSubmissionItsNameMadeSafe() throws Exception {
        Files.createDirectories(dir.resolve("bob"));
        Files.createDirectories(dir.resolve("Zoë Martin"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("notes.txt"), "not a submission");
        List<ClassRun.Student> s = ClassRun.students(dir);
        assertEquals(List.of("Zoë Martin", "bob"), s.stream().map(ClassRun.Student::name).toList());
        assertEquals(List.of("Zo__Martin", "bob"), s.stream().map(ClassRun.Student::folder).toList());
        assertEquals(List.of(1, 2), s.stream().map(ClassRun.Student::index).toList());
        assertEquals("_hidden", ClassRun.safe(".hidden"));

        Files.createDirectories(dir.resolve("Zoë_Martin"));
        LabFailure clash = assertThrows(LabFailure.class, () -> ClassRun.students(dir));
        assertTrue(clash.getMessage().contains("would share the folder Zo__Martin"), clash.getMessage());
        assertThrows(LabFailure.class, () -> ClassRun.students(Files.createDirectories(dir.resolve("empty"))));
    }

    @Test
    void theOptionsAreRecordedForResume() throws Exception {
        ClassRun.Settings s = new ClassRun.Settings(dir, "python3 server.py", List.of("python3 client.py {server_ip}"), false, null,
                Duration.ofSeconds(15), "recv.txt", "abc123");
        s.validate();
        s.write(dir);
        assertEquals(s, ClassRun.Settings.read(dir));
        assertThrows(LabFailure.class, () -> ClassRun.Settings.read(dir.resolve("nothing-here")));
        assertThrows(LabFailure.class, () -> new ClassRun.Settings(dir, "x", List.of(), false, null, Duration.ofSeconds(5), "recv.txt", "two words"));
        ClassRun.Settings noProgram = new ClassRun.Settings(dir, null, List.of(), false, null, Duration.ofSeconds(5), "recv.txt", "s");
        assertThrows(LabFailure.class, noProgram::validate, "the single check's own rules apply");
    }

    @Test
    void theDefaultJobsAreWhatTheMachineHolds() {
        int jobs = ClassRun.defaultJobs();
        assertTrue(jobs >= 1 && jobs <= 2 * Runtime.getRuntime().availableProcessors(), "jobs " + jobs);
    }

    @Test
    void theBenchsClassHasEveryKindInTurn() throws Exception {
        Path c = ClassBench.generate(dir.resolve("class"), 5);
        assertEquals(List.of("s01-correct", "s02-truncating", "s03-hanging", "s04-crashing", "s05-correct"),
                ClassRun.students(c).stream().map(ClassRun.Student::name).toList());
        assertTrue(Files.readString(c.resolve("s04-crashing/server.py")).contains("raise RuntimeError"));
    }
}
