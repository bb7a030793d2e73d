package dev.socklab.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The socklab TCP protocol's text lines, written and parsed in one place for both sides.
 *
 * <pre>
 * C→S  HELLO socklab-client size=&lt;bytes&gt; name=&lt;file name&gt;\n
 * S→C  HELLO socklab-server ready\n
 * C→S  exactly &lt;bytes&gt; bytes of the file, then half-close
 * S→C  OK size=&lt;bytes&gt; sha256=&lt;64 lowercase hex&gt;\n   or   ERROR &lt;reason&gt;\n, then close
 * </pre>
 *
 * Lines are UTF-8, at most {@link #MAX_LINE} bytes including the '\n' (a '\r' before it is tolerated,
 * for telnet users). Parsing only ever throws {@link ProtocolException}, whatever the input: the server
 * parses bytes from anyone on the network.
 */
public final class Protocol {
    /** Longest accepted line, in bytes, including the terminating '\n'. */
    public static final int MAX_LINE = 1024;

    static final String CLIENT_HELLO_PREFIX = "HELLO socklab-client size=";
    static final String NAME_FIELD = " name=";
    public static final String SERVER_HELLO = "HELLO socklab-server ready";
    static final String OK_PREFIX = "OK size=";
    static final String SHA_FIELD = " sha256=";
    static final String ERROR_PREFIX = "ERROR";

    /** How every socklab greeting line begins, from either side: what tells socklab from the classic forms. */
    static final String SOCKLAB_MARK = "HELLO socklab";

    /** The textbook's greetings (see {@link Form#GREETING}): no newline, each read whole by one recv(1024). */
    public static final String CLASSIC_CLIENT_GREETING = "Hello from the client!";
    public static final String CLASSIC_SERVER_GREETING = "Hello from the server!";

    /** The reason the server gives for a greeting it cannot parse. */
    public static final String BAD_GREETING = "bad greeting";

    private Protocol() {}

    /** What the client announces: the size is binding, the name is only shown. */
    public record ClientHello(long size, String name) {}

    /** The server's last word on a transfer. */
    public sealed interface Reply permits Ok, Error {}

    /** The server stored {@code size} bytes whose SHA-256 is {@code sha256}. */
    public record Ok(long size, String sha256) implements Reply {}

    /** The server refused or failed the transfer. */
    public record Error(String reason) implements Reply {}

    // ---------------------------------------------------------------- writing

    /** The client's greeting line, '\n' included; the name is cleaned and shortened so the line stays valid. */
    public static String clientHello(long size, String name) {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        String head = CLIENT_HELLO_PREFIX + size + NAME_FIELD;
        // The name is only informational, so it is the part that gives way to keep the line parseable.
        String clean = sanitize(name == null ? "" : name, '_');
        int room = MAX_LINE - 1 - utf8Length(head);
        return head + truncateUtf8(clean, room) + "\n";
    }

    public static String serverHello() {
        return SERVER_HELLO + "\n";
    }

    public static String ok(long size, String sha256) {
        return OK_PREFIX + size + SHA_FIELD + sha256 + "\n";
    }

    /** An ERROR line; the reason is cleaned and shortened so the line stays valid. */
    public static String error(String reason) {
        String head = ERROR_PREFIX + " ";
        return head + truncateUtf8(sanitize(reason == null ? "" : reason, ' '), MAX_LINE - 1 - head.length()) + "\n";
    }

    // ---------------------------------------------------------------- parsing

    public static ClientHello parseClientHello(String line) throws ProtocolException {
        String l = checked(line);
        if (!l.startsWith(CLIENT_HELLO_PREFIX)) throw new ProtocolException(BAD_GREETING);
        String rest = l.substring(CLIENT_HELLO_PREFIX.length());
        int space = rest.indexOf(' ');
        String sizeText = space < 0 ? rest : rest.substring(0, space);
        long size = parseSize(sizeText, BAD_GREETING);
        String name = "";
        if (space >= 0) {
            String tail = rest.substring(space);
            if (!tail.startsWith(NAME_FIELD)) throw new ProtocolException(BAD_GREETING);
            name = tail.substring(NAME_FIELD.length());
        }
        return new ClientHello(size, name);
    }

    /** Checks the server's greeting; an ERROR line there is reported with the server's reason. */
    public static void parseServerHello(String line) throws ProtocolException {
        String l = checked(line);
        if (l.equals(SERVER_HELLO)) return;
        if (isError(l)) throw new ProtocolException("server refused the transfer: " + errorReason(l));
        throw new ProtocolException("unexpected greeting from server: " + preview(l));
    }

    public static Reply parseReply(String line) throws ProtocolException {
        String l = checked(line);
        if (isError(l)) return new Error(errorReason(l));
        String what = "unexpected reply from server: " + preview(l);
        if (!l.startsWith(OK_PREFIX)) throw new ProtocolException(what);
        String rest = l.substring(OK_PREFIX.length());
        int sha = rest.indexOf(SHA_FIELD);
        if (sha < 0) throw new ProtocolException(what);
        long size = parseSize(rest.substring(0, sha), what);
        String hex = rest.substring(sha + SHA_FIELD.length());
        if (!isSha256Hex(hex)) throw new ProtocolException(what);
        return new Ok(size, hex);
    }

    /**
     * Reads one line (without its '\n' or a '\r' before it), or returns null on end of stream before the
     * first byte. Reads byte by byte, so give it a buffered stream: nothing after the '\n' is consumed.
     */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) return null;
                throw new ProtocolException("connection closed in the middle of a line");
            }
            if (b == '\n') break;
            if (line.size() >= MAX_LINE - 1) throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        // Decoding replaces invalid UTF-8 instead of throwing: the content is checked afterwards.
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Whether the first bytes of a peer, perhaps not all of them yet, begin with one of some marks. */
    enum Prefix {
        /** They do. */
        YES,
        /** Too few bytes to tell: they could still. */
        MAYBE,
        /** They cannot. */
        NO
    }

    /** Compares bytes as ASCII with marks (all ASCII), so a cut-off UTF-8 character cannot confuse it. */
    static Prefix beginsWith(byte[] bytes, int length, String... marks) {
        Prefix best = Prefix.NO;
        for (String mark : marks) {
            int n = Math.min(length, mark.length());
            boolean same = true;
            for (int i = 0; i < n && same; i++) same = bytes[i] == mark.charAt(i);
            if (!same) continue;
            if (length >= mark.length()) return Prefix.YES;
            best = Prefix.MAYBE;
        }
        return best;
    }

    /** A peer's greeting (any bytes) as one printable line for a log. */
    static String printableGreeting(byte[] bytes, int length) {
        String s = printable(new String(bytes, 0, length, StandardCharsets.UTF_8).strip());
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** The line with control characters replaced, safe to print on a terminal or in a log. */
    public static String printable(String s) {
        return s == null ? "" : sanitize(s, '?');
    }

    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private static String checked(String line) throws ProtocolException {
        if (line == null) throw new ProtocolException("connection closed instead of a protocol line");
        if (utf8Length(line) > MAX_LINE - 1) throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
        for (int i = 0; i < line.length(); i++) {
            if (isControl(line.charAt(i))) throw new ProtocolException("control character in protocol line");
        }
        return line;
    }

    private static long parseSize(String digits, String failure) throws ProtocolException {
        // Only plain decimal digits: no sign, no spaces, nothing Long.parseLong would also accept.
        if (digits.isEmpty() || digits.length() > 19) throw new ProtocolException(failure);
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') throw new ProtocolException(failure);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            throw new ProtocolException(failure);
        }
    }

    private static boolean isError(String l) {
        return l.equals(ERROR_PREFIX) || l.startsWith(ERROR_PREFIX + " ");
    }

    private static String errorReason(String l) {
        String reason = l.length() > ERROR_PREFIX.length() ? l.substring(ERROR_PREFIX.length() + 1).strip() : "";
        return reason.isEmpty() ? "(no reason given)" : reason;
    }

    private static String preview(String l) {
        return l.length() > 80 ? l.substring(0, 80) + "..." : l;
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    private static String sanitize(String s, char replacement) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(isControl(c) || c == '\t' ? replacement : c);
        }
        return b.toString();
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of s that fits in maxBytes of UTF-8, never splitting a character. */
    static String truncateUtf8(String s, int maxBytes) {
        if (utf8Length(s) <= maxBytes) return s;
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = utf8Length(new String(Character.toChars(cp)));
            if (bytes + len > maxBytes) break;
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
