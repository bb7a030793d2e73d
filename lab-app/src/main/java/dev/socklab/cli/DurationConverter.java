package dev.socklab.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Parses "30s", "500ms", "2m", "1h", a bare number of seconds ("30") or ISO-8601 ("PT30S"); must be positive. Scanned
 * by hand, not with a regular expression: tcp-server and tcp-client convert their defaults at every start, and the
 * JDK's regex classes are lambdas to bootstrap (docs/performance.md); ConvertersTest holds the expression it matches.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration d = parse(value.strip().toLowerCase(Locale.ROOT));
        if (d == null || d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a positive duration (examples: 30s, 500ms, 2m)");
        }
        return d;
    }

    private static Duration parse(String v) {
        // (\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?
        int number = Scan.digits(v, 0);
        if (number > 0 && number + 1 < v.length() && v.charAt(number) == '.') {
            int fraction = Scan.digits(v, number + 1);
            if (fraction > number + 1) number = fraction;
        }
        String unit = number > 0 ? v.substring(Scan.spaces(v, number)) : null;
        if (unit != null && (unit.isEmpty() || unit.equals("ms") || unit.equals("s") || unit.equals("m")
                || unit.equals("min") || unit.equals("h"))) {
            double n = Double.parseDouble(v.substring(0, number));
            double millis = switch (unit.isEmpty() ? "s" : unit) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m", "min" -> n * 60_000;
                default -> n * 3_600_000;
            };
            // Caps absurd values instead of overflowing: a day is "forever" for a lab.
            return Duration.ofMillis((long) Math.min(millis, 86_400_000d));
        }
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
