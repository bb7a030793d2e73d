package dev.socklab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A program the benches start as a user would (its own process), timed from spawn: until a line appears
 * on its output, or until it exits. Output (stdout and stderr merged) is kept for error messages.
 */
final class Child implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final long started;
    private final List<String> output = new ArrayList<>();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String name;

    private Child(String name, Process process, long started) {
        this.name = name;
        this.process = process;
        this.started = started;
        Thread.ofPlatform().daemon(true).name("child-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException ignored) {
                // the process went away
            }
            lines.add(EOF);
        });
    }

    static Child start(String name, List<String> command, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        long t = System.nanoTime();
        return new Child(name, pb.start(), t);
    }

    /** Seconds from spawn until a line containing marker was printed; fails if the program ends or times out first. */
    double awaitLine(String marker, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long now = System.nanoTime();
            if (l == null) throw new IOException(name + " printed no '" + marker + "' within " + timeoutSeconds + " s" + tail());
            if (l.equals(EOF)) throw new IOException(name + " ended before printing '" + marker + "'" + tail());
            output.add(l);
            if (l.contains(marker)) return (now - started) / 1e9;
        }
    }

    /** Seconds from spawn to exit; fails on a non-zero exit or a timeout. */
    double awaitExit(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(name + " did not finish within " + timeoutSeconds + " s" + tail());
        }
        double s = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) throw new IOException(name + " exited with " + process.exitValue() + tail());
        return s;
    }

    private String tail() {
        for (String l; (l = lines.poll()) != null; ) if (!l.equals(EOF)) output.add(l);
        return output.isEmpty() ? "" : ": " + String.join(" | ", output.subList(Math.max(0, output.size() - 3), output.size()));
    }

    /** Stops the program (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The command that starts this very JVM's java, so children run on the same runtime as the bench. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The jar this code runs from (the benches start the shipped programs from it). */
    static Path jar() throws IOException {
        try {
            Path p = Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) throw new IOException("the loopback benches run from lab-app.jar (not " + p + ")");
            return p;
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where lab-app.jar is: " + e.getMessage(), e);
        }
    }
}
