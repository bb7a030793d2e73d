package dev.socklab.tcp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/** Small formatting helpers so both programs print addresses and times the same way. */
final class Text {
    private Text() {}

    /** 10.10.2.20:45678 or [fd00::20]:45678, never a host name: the lab is about addresses. */
    static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            String host = i.getAddress().getHostAddress();
            return (i.getAddress() instanceof Inet6Address ? "[" + compress(host) + "]" : host) + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** Java prints 0:0:0:0:0:0:0:1; people (and Wireshark) write ::1 (RFC 5952: longest zero run becomes ::). */
    static String compress(String ipv6) {
        int pct = ipv6.indexOf('%');
        String scope = pct < 0 ? "" : ipv6.substring(pct);
        String[] groups = (pct < 0 ? ipv6 : ipv6.substring(0, pct)).split(":", -1);
        if (groups.length != 8) return ipv6;
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i].replace("0", "").isEmpty()) {
                int j = i;
                while (j < 8 && groups[j].replace("0", "").isEmpty()) j++;
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestLen >= 2 && i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            String g = groups[i].replaceFirst("^0+(?=.)", "").toLowerCase();
            b.append(g);
        }
        return b + scope;
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
