package dev.socklab.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects output lines of a program under test and waits for the one a test expects. */
final class Log implements Consumer<String> {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void accept(String line) {
        lines.add(line);
        notifyAll();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line matching, waiting up to timeout for it; fails the test if it never comes. */
    synchronized String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String l : lines) if (match.test(l)) return l;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no matching line within " + timeout + "; got " + lines);
            wait(Math.max(1, left / 1_000_000));
        }
    }

    String await(String prefix) throws InterruptedException {
        return await(l -> l.startsWith(prefix), Duration.ofSeconds(5));
    }
}
