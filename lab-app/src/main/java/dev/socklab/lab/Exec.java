package dev.socklab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs one external program (docker, compose) to its end, with a deadline; its output is kept apart. */
public final class Exec {

    /** How a program ended: its exit code (-1 when it was stopped at the deadline) and what it printed. */
    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** Stdout, trimmed: most docker commands answer in one line. */
        public String text() {
            return out.strip();
        }

        /** The last lines of stderr (or stdout), to quote in a one-line error. */
        public String why() {
            String s = (err.isBlank() ? out : err).strip();
            String[] lines = s.split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1];
        }
    }

    private Exec() {
    }

    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LabFailure("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(command, -1, out.join(), err.join());
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted while running " + command.get(0));
        }
    }

    /**
     * A thread per stream: a drain blocks until its program ends (docker wait: the whole timeout), and the common
     * pool's few workers would queue the drains of checks running side by side (./lab check --class) behind it.
     */
    private static final Executor DRAINS = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("exec-drain").factory());

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINS);
    }
}
