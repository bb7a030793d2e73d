package dev.socklab.udp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the UDP server does with each datagram besides printing it. */
public enum Mode {
    /** Print only: the client never gets a reply. */
    PRINT,
    /** Send the datagram back unchanged. */
    ECHO,
    /** Send it back upper-cased (the classic UDPServer exercise). */
    UPPER;

    /** The reply to send, or null for none. */
    byte[] reply(byte[] data, int offset, int length) {
        return switch (this) {
            case PRINT -> null;
            case ECHO -> java.util.Arrays.copyOfRange(data, offset, offset + length);
            case UPPER -> new String(data, offset, length, StandardCharsets.UTF_8)
                    .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        };
    }
}
