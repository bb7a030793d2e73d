package dev.socklab.report;

/** Escaping for text that goes into HTML and SVG: everything taken from a capture passes through here. */
public final class Xml {

    private Xml() {
    }

    /** The text with {@code & < > " '} replaced by entities, safe in element content and quoted attributes. */
    public static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0; a file name could carry one.
                    if (c < 0x20 && c != '\n' && c != '\t') s.append('\uFFFD');
                    else s.append(c);
                }
            }
        }
        return s.toString();
    }
}
