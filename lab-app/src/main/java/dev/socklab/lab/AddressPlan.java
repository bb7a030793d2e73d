package dev.socklab.lab;

import java.util.List;

/**
 * Every address of every lab, derived from one prefix ({@code LAB_NET}, "10.10" by default): network
 * {@code n} is {@code LAB_NET.n.0/24}, and a host on it is {@code LAB_NET.n.host}. The compose files
 * say the same with {@code ${LAB_NET:-10.10}}, rendered from here, so the two can never disagree.
 *
 * @param net the first two octets, e.g. "10.10"
 */
public record AddressPlan(String net) {

    /** What {@code ./lab up} uses unless LAB_NET says otherwise. */
    public static final String DEFAULT_NET = "10.10";

    /** The networks every lab is built from: the number is the third octet. */
    public enum Network {
        SERVER_NET("server-net", 1), CLIENT_NET("client-net", 2), NAT_NET("nat-net", 3);

        public final String composeName;
        public final int third;

        Network(String composeName, int third) {
            this.composeName = composeName;
            this.third = third;
        }
    }

    public AddressPlan {
        if (!net.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
            throw new IllegalArgumentException("LAB_NET must be two octets such as 10.20, not " + net);
        }
    }

    /** LAB_NET from the environment, else the default. */
    public static AddressPlan fromEnvironment() {
        String v = System.getenv("LAB_NET");
        return new AddressPlan(v == null || v.isBlank() ? DEFAULT_NET : v.strip());
    }

    public String subnet(Network n) {
        return net + "." + n.third + ".0/24";
    }

    public String address(Network n, int host) {
        return net + "." + n.third + "." + host;
    }

    /** The subnets a lab on this plan may create. */
    public List<String> subnets() {
        return List.of(subnet(Network.SERVER_NET), subnet(Network.CLIENT_NET), subnet(Network.NAT_NET));
    }

    /** The compose file's spelling of an address: LAB_NET stays a variable, with our default. */
    public static String composeAddress(Network n, int host) {
        return "${LAB_NET:-" + DEFAULT_NET + "}." + n.third + "." + host;
    }

    public static String composeSubnet(Network n) {
        return "${LAB_NET:-" + DEFAULT_NET + "}." + n.third + ".0/24";
    }

    /** Whether two IPv4 CIDR blocks share any address. */
    public static boolean overlaps(String cidrA, String cidrB) {
        long[] a = range(cidrA);
        long[] b = range(cidrB);
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private static long[] range(String cidr) {
        String[] parts = cidr.split("/");
        String[] o = parts[0].split("\\.");
        if (o.length != 4) return new long[] {1, 0};   // not IPv4: overlaps nothing of ours
        long ip = 0;
        for (String s : o) ip = ip << 8 | Long.parseLong(s);
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long size = 1L << (32 - prefix);
        long start = ip & ~(size - 1) & 0xffffffffL;
        return new long[] {start, start + size - 1};
    }
}
