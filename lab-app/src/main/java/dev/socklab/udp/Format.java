package dev.socklab.udp;

import dev.socklab.address.AddressText;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Formatting shared by the UDP programs: addresses, payload previews, durations. */
public final class Format {
    private Format() {}

    /** 10.10.2.10:11000 or [fd00::10]:11000 (see {@link AddressText}). */
    public static String address(SocketAddress a) {
        return AddressText.endpoint(a);
    }

    /** "2s", "300ms", "1.5s": the way the options are written. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /**
     * A payload as one printable line: UTF-8 text with control characters escaped (\n, \t, \x01), non-UTF-8 bytes
     * as \xNN, shortened after {@link Defaults#PREVIEW_CHARS} characters so one datagram stays one line.
     */
    public static String printable(byte[] data, int offset, int length) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length)).toString();
        } catch (CharacterCodingException binary) {
            // Not text: show bytes, so a student sees what really arrived.
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int c = data[offset + i] & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '\\') b.append((char) c);
                else b.append(String.format("\\x%02x", c));
            }
            return shorten(b.toString(), length);
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) b.append(String.format("\\x%02x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return shorten(b.toString(), length);
    }

    public static String printable(byte[] data) {
        return printable(data, 0, data.length);
    }

    private static String shorten(String s, int bytes) {
        if (s.length() <= Defaults.PREVIEW_CHARS) return s;
        return s.substring(0, Defaults.PREVIEW_CHARS) + "... (" + bytes + " bytes)";
    }
}
