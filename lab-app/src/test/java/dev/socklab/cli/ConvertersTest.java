package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The size and duration converters, scanned by hand, accept exactly what their regular expressions matched. */
class ConvertersTest {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([kmgt]?)(?:i?b)?");

    @Test
    void durationsAsBefore() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofMillis(300), c.convert("300ms"));
        assertEquals(Duration.ofSeconds(30), c.convert("30"));
        assertEquals(Duration.ofSeconds(90), c.convert("1.5 min"));
        assertEquals(Duration.ofHours(1), c.convert(" 1H "));
        assertEquals(Duration.ofSeconds(45), c.convert("PT45S"));
        assertEquals(Duration.ofDays(1), c.convert("9999h"));
        for (String bad : List.of("soon", "", "1.", ".5s", "0", "0s", "1 sec", "-1s", "1.5.2s")) {
            assertThrows(CommandLine.TypeConversionException.class, () -> c.convert(bad), bad);
        }
    }

    @Test
    void sizesAsBefore() {
        ByteSizeConverter c = new ByteSizeConverter();
        assertEquals(1000L, c.convert("1000"));
        assertEquals(64L << 10, c.convert("64K"));
        assertEquals(10L << 20, c.convert("10 MiB"));
        assertEquals(2L << 30, c.convert("2gb"));
        assertEquals(7L, c.convert("7b"));
        for (String bad : List.of("lots", "", "1x", "1kk", "1234567890123456789", "k", "1 k b", "-1")) {
            assertThrows(CommandLine.TypeConversionException.class, () -> c.convert(bad), bad);
        }
    }

    @Test
    void randomValuesConvertAsTheExpressionsDid() {
        Random random = new Random(12);
        String alphabet = "0123456789. \tkmgtibhsnPTS-x";
        DurationConverter durations = new DurationConverter();
        ByteSizeConverter sizes = new ByteSizeConverter();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String v = b.toString();
            assertEquals(outcome(() -> byExpression(v)), outcome(() -> sizes.convert(v)), "size '" + v + "'");
            assertEquals(outcome(() -> durationByExpression(v)), outcome(() -> durations.convert(v)), "duration '" + v + "'");
        }
    }

    /** The value, or "refused": what a user sees either way. */
    private static Object outcome(java.util.function.Supplier<Object> convert) {
        try {
            return convert.get();
        } catch (CommandLine.TypeConversionException e) {
            return "refused";
        }
    }

    /** ByteSizeConverter as it was, with its expression. */
    private static Long byExpression(String value) {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new CommandLine.TypeConversionException("no");
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) throw new CommandLine.TypeConversionException("too large");
        return n << shift;
    }

    /** DurationConverter as it was, with its expression. */
    private static Duration durationByExpression(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m", "min" -> n * 60_000;
                default -> n * 3_600_000;
            };
            d = Duration.ofMillis((long) Math.min(millis, 86_400_000d));
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) throw new CommandLine.TypeConversionException("no");
        return d;
    }
}
