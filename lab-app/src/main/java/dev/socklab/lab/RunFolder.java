package dev.socklab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A run's folder under captures/: its UTC start time, the project when not the default, never reused. */
public record RunFolder(String id, Path dir) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public static RunFolder create(Path root, String prefix, String project) {
        String base = prefix + ZonedDateTime.now(ZoneOffset.UTC).format(TIME) + ("socklab".equals(project) ? "" : "-" + project);
        for (int i = 1; ; i++) {
            String id = i == 1 ? base : base + "-" + i;
            Path dir = root.resolve("captures").resolve(id);
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir);   // made by the user who runs the lab: its files are theirs to read and delete
                return new RunFolder(id, dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // labs started in the same second side by side: the next suffix
            } catch (IOException e) {
                throw new LabFailure("cannot make the run folder " + dir + ": " + e.getMessage());
            }
        }
    }

    /** The one file in the folder whose name starts with {@code prefix} and ends in .pcap, or null. */
    public Path pcap(String prefix) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".pcap"))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
