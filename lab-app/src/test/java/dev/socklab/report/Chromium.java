package dev.socklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's chromium package, which ./lab test installs) taking a screenshot of a page.
 * Without it the screenshot tests are skipped on a developer's machine, but fail in CI (CI=true).
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    static Chromium require() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        if (found.isPresent()) return new Chromium(found.get());
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but chromium is not installed: the screenshot tests must run in CI (./lab test installs it)");
        }
        Assumptions.abort("no chromium on PATH (./lab test installs Debian's chromium package)");
        throw new AssertionError("unreachable");
    }

    /** Renders {@code page} in a window of the given size, at one device pixel per CSS pixel. */
    BufferedImage screenshot(Path page, int width, int height, Path work) throws IOException, InterruptedException {
        Path png = work.resolve("screenshot-" + System.nanoTime() + ".png");
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path log = work.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--user-data-dir=" + profile,
                "--screenshot=" + png, "--window-size=" + width + "," + height, page.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed:\n" + readQuietly(log));
        assertTrue(Files.isRegularFile(png), () -> "chromium wrote no screenshot:\n" + readQuietly(log));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth(), "screenshot width");
        return image;
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
