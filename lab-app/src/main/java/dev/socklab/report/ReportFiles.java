package dev.socklab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a report: {@code <name>.html} and {@code <name>-<n>.svg} per diagram. Each file is written under a
 * temporary name and renamed, so a reader never sees half a file; the HTML comes last, once its SVGs exist.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** The HTML file {@link #write} makes for a capture: the capture's name with .html instead of .pcap. */
    public static Path htmlFor(Path capture, Path dir) {
        return dir.resolve(stem(capture) + ".html");
    }

    /** Writes the report of {@code capture} into {@code dir}; returns the HTML file's path. */
    public static Path write(CaptureReport report, Path capture, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> svgFiles = writeSvgs(report, capture, dir);
        Path html = htmlFor(capture, dir);
        replace(html, HtmlReport.render(report, svgFiles));
        return html;
    }

    /** Writes one page with the captures side by side, as {@code dir/name}, and each diagram's SVG beside it. */
    public static Path writeSideBySide(String title, List<String> labels, List<CaptureReport> reports, List<Path> captures,
                                       Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        List<List<String>> svgFiles = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) svgFiles.add(writeSvgs(reports.get(i), captures.get(i), dir));
        Path html = dir.resolve(name);
        replace(html, HtmlReport.renderSideBySide(title, labels, reports, svgFiles));
        return html;
    }

    private static List<String> writeSvgs(CaptureReport report, Path capture, Path dir) throws IOException {
        String stem = stem(capture);
        List<String> svgFiles = new ArrayList<>();
        for (int i = 0; i < report.ladders().size(); i++) {
            String name = stem + "-" + (i + 1) + ".svg";
            replace(dir.resolve(name), LadderSvg.document(report.ladders().get(i)));
            svgFiles.add(name);
        }
        return svgFiles;
    }

    private static String stem(Path capture) {
        String name = capture.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Writes {@code text} to a temporary file beside {@code target}, then renames it over the target: every
     * report socklab writes (HTML, SVG, report.md, report.json) is whole or absent.
     */
    public static void replace(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        while (true) {
            temp = dir.resolve("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                // CREATE_NEW rather than createTempFile: the umask's permissions, so the student can open it.
                Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException taken) {
                // astronomically rare: draw another name
            } catch (IOException e) {
                Files.deleteIfExists(temp);   // a full disk leaves no half file behind
                throw e;
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
