package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderThatIsNotACheckIsOneLine() throws Exception {
        Files.createDirectories(tmp.resolve("user"));
        CliRun r = CliRun.of("grade", tmp.toString());
        assertEquals(1, r.exit());
        assertEquals("grade: no run.properties in " + tmp.resolve("user") + " (is it a folder ./lab check made?)", r.errLine());
    }

    @Test
    void aMissingFolderIsOneLine() {
        CliRun r = CliRun.of("grade", tmp.resolve("nope").toString());
        assertEquals(1, r.exit());
        assertEquals("grade: no such folder: " + tmp.resolve("nope"), r.errLine());
    }
}
