package dev.socklab.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar, {@code [#####.....] 45%  123.4 MiB/s}, redrawn in place with '\r'.
 * Meant for stderr on a terminal only: logs and pipes would fill up with '\r' garbage. Counting things instead
 * of bytes ({@code unit} given), it shows {@code 12/30 submissions} and the time so far instead of a rate.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L; // 10 redraws a second is smooth and cheap
    private static final double MIN_RATE_SECONDS = 0.2;

    private final PrintStream out;
    private final long total;
    private final LongSupplier clock;
    private final String unit;
    private final long startNanos;
    private long lastDraw = Long.MIN_VALUE;
    private long done;
    private int lastLength;
    private boolean finished;

    public ProgressBar(PrintStream out, long total) {
        this(out, total, System::nanoTime);
    }

    /** With an injectable clock, for tests. */
    public ProgressBar(PrintStream out, long total, LongSupplier nanoClock) {
        this(out, total, nanoClock, null);
    }

    /** A bar counting {@code unit}s (submissions...), not bytes. */
    public ProgressBar(PrintStream out, long total, String unit) {
        this(out, total, System::nanoTime, unit);
    }

    ProgressBar(PrintStream out, long total, LongSupplier nanoClock, String unit) {
        this.unit = unit;
        this.out = out;
        this.total = Math.max(0, total);
        this.clock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Records progress; redraws at most ten times a second. */
    public synchronized void update(long doneBytes) {
        if (finished) return;
        done = Math.max(0, Math.min(doneBytes, total));
        long now = clock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        draw(now);
    }

    /** Draws the final state and ends the line; later calls do nothing. */
    public synchronized void finish() {
        if (finished) return;
        finished = true;
        draw(clock.getAsLong());
        out.print('\n');
        out.flush();
    }

    private void draw(long now) {
        String line = unit == null ? render(done, total, now - startNanos) : render(done, total, now - startNanos, unit);
        // Pad over the previous, possibly longer, line (the rate can shrink from "1234.5" to "9.9").
        int pad = Math.max(0, lastLength - line.length());
        out.print('\r' + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    /** The bar's text for done of total things (units) after elapsedNanos. */
    public static String render(long done, long total, long elapsedNanos, String unit) {
        String bytes = render(done, total, 0);
        return bytes + "  " + done + "/" + total + " " + unit + String.format(Locale.ROOT, "  %.0f s", elapsedNanos / 1e9);
    }

    /** The bar's text for done of total bytes after elapsedNanos. */
    public static String render(long done, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1.0 : (double) done / total;
        int filled = (int) Math.floor(fraction * WIDTH);
        int percent = (int) Math.floor(fraction * 100);
        double seconds = elapsedNanos / 1e9;
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%3d%%", percent);
        // The first chunk lands in the socket buffer instantly: a rate measured that early would be nonsense.
        if (seconds < MIN_RATE_SECONDS) return bar;
        return bar + String.format(Locale.ROOT, "  %.1f MiB/s", done / seconds / (1024.0 * 1024.0));
    }
}
