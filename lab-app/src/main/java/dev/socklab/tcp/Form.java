package dev.socklab.tcp;

/**
 * The three shapes a TCP transfer takes in the lab, and {@link #AUTO}: recognise it from what the peer does.
 *
 * <ul>
 *   <li>{@link #SOCKLAB}: socklab's own lines, the size announced and the SHA-256 confirmed (see {@link Protocol});</li>
 *   <li>{@link #GREETING}: the textbook exchange, a greeting each way without a newline, then the file until EOF;</li>
 *   <li>{@link #RAW}: only the file's bytes, then EOF (netcat, the recv-until-EOF classics).</li>
 * </ul>
 */
public enum Form {
    AUTO, SOCKLAB, GREETING, RAW;

    /** How users type it: {@code --protocol greeting}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
