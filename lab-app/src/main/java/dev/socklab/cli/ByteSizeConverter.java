package dev.socklab.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * Parses a byte count: "1000", "64K", "10MiB", "2G" (K, M, G, T are powers of 1024, with or without "iB" or "B").
 * Scanned by hand, as {@link DurationConverter} says why; ConvertersTest holds the expression it matches.
 */
final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        // (\d{1,18})\s*([kmgt]?)(?:i?b)?
        String v = value.strip().toLowerCase(Locale.ROOT);
        int digits = Scan.digits(v, 0);
        String unit = digits > 0 && digits <= 18 ? v.substring(Scan.spaces(v, digits)) : null;
        String prefix = unit == null || unit.isEmpty() || "kmgt".indexOf(unit.charAt(0)) < 0 ? "" : unit.substring(0, 1);
        String suffix = unit == null ? null : unit.substring(prefix.length());
        if (suffix == null || !(suffix.isEmpty() || suffix.equals("b") || suffix.equals("ib"))) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size in bytes (examples: 1000, 64K, 10MiB, 2G)");
        }
        int shift = switch (prefix) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(v.substring(0, digits));
        if (n > (Long.MAX_VALUE >> shift)) throw new CommandLine.TypeConversionException("'" + value + "' is too large");
        return n << shift;
    }
}
