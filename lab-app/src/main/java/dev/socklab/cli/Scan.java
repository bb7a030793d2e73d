package dev.socklab.cli;

/** The two steps the size and duration converters scan a value with: a number, then the spaces before its unit. */
final class Scan {
    private Scan() {}

    /** The index after the ASCII digits that start at from (from itself when there are none), as regex's \d+. */
    static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }

    /** The index after the whitespace that starts at from, as regex's \s* ([ \t\n\x0B\f\r]). */
    static int spaces(String s, int from) {
        int i = from;
        while (i < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(i)) >= 0) i++;
        return i;
    }
}
