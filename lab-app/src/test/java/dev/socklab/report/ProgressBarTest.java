package dev.socklab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void rendersFractionPercentAndRate() {
        assertEquals("[#############.................]  45%  45.0 MiB/s",
                ProgressBar.render(45 * MIB, 100 * MIB, 1_000_000_000L));
        assertEquals("[..............................]   0%", ProgressBar.render(0, 100, 1_000L));
        assertEquals("[##############################] 100%", ProgressBar.render(0, 0, 0));
    }

    @Test
    void countsThingsWithoutARate() {
        assertEquals("[##########....................]  33%  10/30 submissions  95 s",
                ProgressBar.render(10, 30, 95_000_000_000L, "submissions"));
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondAndEndsWithOneNewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10 * MIB, now::get);
        bar.update(MIB);                 // first update draws
        now.addAndGet(10_000_000L);
        bar.update(2 * MIB);             // 10 ms later: skipped
        now.addAndGet(990_000_000L);
        bar.update(5 * MIB);             // 1 s in: draws
        bar.finish();
        bar.finish();                    // idempotent
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("]  50%  5.0 MiB/s\n"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
        assertTrue(out.contains("[###############...............]  50%  5.0 MiB/s"), out);
    }
}
