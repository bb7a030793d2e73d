package dev.socklab.address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Addresses as people and Wireshark write them, for every program and report of the lab: 10.10.2.20:45678 and
 * [fd00::20]:45678, never a host name (the lab is about addresses) and never Java's 0:0:0:0:0:0:0:1.
 */
public final class AddressText {
    private AddressText() {}

    /** An address and port: IPv6 in brackets; anything that is not an IP socket address as Java prints it. */
    public static String endpoint(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) return endpoint(i.getAddress(), i.getPort());
        return String.valueOf(a);
    }

    public static String endpoint(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + host(a) + "]:" + port : a.getHostAddress() + ":" + port;
    }

    /** The address alone, IPv6 in its short form. */
    public static String host(InetAddress a) {
        return a instanceof Inet6Address v6 ? host(v6) : a.getHostAddress();
    }

    /**
     * RFC 5952 text: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::";
     * an IPv4-mapped ({@code ::ffff:10.0.0.1}) or -compatible address ends in dotted IPv4, as Wireshark writes it.
     */
    public static String host(Inet6Address a) {
        String scope = a.getScopeId() != 0 ? "%" + a.getScopeId() : "";
        return digits(a) + scope;
    }

    private static String digits(Inet6Address a) {
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        // Wireshark's rule (BSD inet_ntop): six zero groups, or five and ffff, then the IPv4 address.
        if (bestStart == 0 && (bestLength == 6 || (bestLength == 5 && g[5] == 0xFFFF))) {
            return (bestLength == 6 ? "::" : "::ffff:") + (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "."
                    + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
