package dev.socklab.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Just enough YAML for compose files, written the way a person would: block style down to a
 * service's keys, flow style ({@code {a: b}}, {@code [a, b]}) below, so each setting is one line.
 */
final class Yaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./-][A-Za-z0-9_./+-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)true|false|yes|no|on|off|null|~|-?[0-9][0-9._:]*");

    private Yaml() {
    }

    /** An ordered map from key, value pairs. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A value in flow style: a scalar, [a, b] or {k: v}. */
    static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(key((String) k)).append(": ").append(flow(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(flow(x)));
            return b.append(']').toString();
        }
        if (v instanceof Boolean || v instanceof Number) return v.toString();
        return scalar((String) v);
    }

    /** A mapping's entries in flow style, one string each ("key: value"), for wrapping. */
    static List<String> flowParts(Map<String, Object> m) {
        List<String> parts = new java.util.ArrayList<>();
        m.forEach((k, v) -> parts.add(key(k) + ": " + flow(v)));
        return parts;
    }

    static String key(String k) {
        return PLAIN.matcher(k).matches() && !k.contains(":") ? k : quote(k);
    }

    /** A string as YAML reads it back unchanged: plain when safe, else double-quoted. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() && !s.endsWith(":")) return s;
        return quote(s);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
