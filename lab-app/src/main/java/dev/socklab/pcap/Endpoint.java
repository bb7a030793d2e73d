package dev.socklab.pcap;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/** One end of a conversation: an IP address and a port, printed as {@code 10.10.2.20:45678} or {@code [fd00::1]:9898}. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {

    @Override
    public String toString() {
        return address instanceof Inet6Address v6 ? "[" + compact(v6) + "]:" + port : address.getHostAddress() + ":" + port;
    }

    /** The address alone, IPv6 in its short form ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}). */
    public String host() {
        return address instanceof Inet6Address v6 ? compact(v6) : address.getHostAddress();
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = Arrays.compare(address.getAddress(), o.address.getAddress());
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    /**
     * RFC 5952 text: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::";
     * an IPv4-mapped ({@code ::ffff:10.0.0.1}) or -compatible address ends in dotted IPv4, as Wireshark writes it.
     */
    private static String compact(Inet6Address a) {
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
