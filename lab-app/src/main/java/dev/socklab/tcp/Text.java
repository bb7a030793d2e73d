package dev.socklab.tcp;

import dev.socklab.address.AddressText;
import java.net.SocketAddress;
import java.time.Duration;

/** Small formatting helpers so both programs print addresses and times the same way. */
final class Text {
    private Text() {}

    /** 10.10.2.20:45678 or [fd00::20]:45678 (see {@link AddressText}). */
    static String address(SocketAddress a) {
        return AddressText.endpoint(a);
    }

    /** "30 s", "1.5 s", "250 ms": how people say timeouts. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        if (ms % 1000 == 0) return ms / 1000 + " s";
        return String.format("%.1f s", ms / 1000.0);
    }

    /** "connection reset" rather than "Connection reset": messages are embedded mid-sentence. */
    static String lower(String msg) {
        if (msg == null || msg.isBlank()) return "(no detail)";
        return Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
    }
}
