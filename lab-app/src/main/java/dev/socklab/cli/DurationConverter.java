package dev.socklab.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses "30s", "500ms", "2m", "1h", a bare number of seconds ("30") or ISO-8601 ("PT30S"); must be positive. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

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
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
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
