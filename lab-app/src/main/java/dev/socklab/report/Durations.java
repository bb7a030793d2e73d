package dev.socklab.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Durations as people and programs read them: milliseconds. */
public final class Durations {
    private Durations() {
    }

    /**
     * Exact milliseconds, down to the nanosecond: 0.039, never 0.039000000000000004. Safe for any
     * duration (a damaged timestamp may make one centuries long, beyond what fits in nanoseconds).
     */
    public static BigDecimal millis(Duration d) {
        BigDecimal ms = BigDecimal.valueOf(d.getSeconds()).movePointRight(3)
                .add(BigDecimal.valueOf(d.getNano(), 6)).stripTrailingZeros();
        return ms.scale() < 0 ? ms.setScale(0) : ms;   // 1000, not 1E+3
    }

    /** Milliseconds to three decimals, for tables and diagrams: "0.039". */
    public static String millisText(Duration d) {
        return millis(d).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
