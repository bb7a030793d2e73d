package dev.socklab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.socklab.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How one submission of a class run ended, as {@code <student>/outcome.json}: written last, so a folder with
 * it is finished (a class run's --resume skips it unless it ended in a lab error, which is tried again).
 *
 * @param student    the submission's folder name, as given
 * @param status     {@link #GRADED} (its checks are in report.json) or {@link #ERROR} (the lab failed: {@code error} says why)
 * @param passed     every check of its run passed
 * @param seconds    how long its check took
 * @param fileBytes  the size of the file it was sent
 * @param fileSha256 that file's SHA-256: what its server had to save
 */
public record Submission(String student, String status, boolean passed, String error, double seconds, long fileBytes,
                         String fileSha256) {
    public static final String FILE = "outcome.json";
    public static final String GRADED = "graded";
    public static final String ERROR = "error";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public boolean graded() {
        return GRADED.equals(status);
    }

    /** Writes {@code dir/outcome.json}, whole or not at all. */
    public void write(Path dir) throws IOException {
        ReportFiles.replace(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    /** The outcome in {@code dir}, or null when there is none (not finished) or it cannot be read. */
    public static Submission read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return new Submission(n.path("student").asText(), n.path("status").asText(), n.path("passed").asBoolean(),
                    n.path("error").isNull() ? null : n.path("error").asText(null), n.path("seconds").asDouble(),
                    n.path("fileBytes").asLong(), n.path("fileSha256").asText(""));
        } catch (IOException e) {
            return null;
        }
    }
}
