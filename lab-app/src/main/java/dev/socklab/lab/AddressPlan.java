package dev.socklab.lab;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every address of every lab, derived from one prefix ({@code LAB_NET}, "10.10" by default): network
 * {@code n} is {@code LAB_NET.n.0/24}, and a host on it is {@code LAB_NET.n.host}. The compose files
 * say the same with {@code ${LAB_NET:-10.10}}, rendered from here, so the two can never disagree.
 * <p>
 * IPv6 (./lab up --ipv6) mirrors it: network {@code n} is the ULA {@code fd00:A:B:n::/64} for LAB_NET A.B, and a
 * host on it is {@code fd00:A:B:n::host}, the same digits as its IPv4 address (10.10.1.10 is fd00:10:10:1::10).
 * Compose cannot compute that from LAB_NET, so the files spell it {@code ${LAB_NET6:-fd00:10:10}}, and lab-app
 * sets LAB_NET6 from LAB_NET whenever it runs compose.
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

    /** The IPv6 prefix of the plan's networks, LAB_NET's digits in two groups: "fd00:10:10" for 10.10. */
    public String net6() {
        return "fd00:" + net.replace('.', ':');
    }

    /** The lab's whole IPv6 space: every network of the plan is a /64 in this /48. */
    public String prefix6() {
        return net6() + "::/48";
    }

    public String subnet6(Network n) {
        return net6() + ":" + n.third + "::/64";
    }

    public String address6(Network n, int host) {
        return net6() + ":" + n.third + "::" + host;
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

    public static String composeAddress6(Network n, int host) {
        return NET6 + ":" + n.third + "::" + host;
    }

    public static String composeSubnet6(Network n) {
        return NET6 + ":" + n.third + "::/64";
    }

    private static final String NET6 = "${LAB_NET6:-" + new AddressPlan(DEFAULT_NET).net6() + "}";
    private static final String NET = Pattern.quote("${LAB_NET:-" + DEFAULT_NET + "}");
    private static final Pattern COMPOSE_V4 = Pattern.compile(
            NET + "\\.(?:0\\.0/16|(\\d+)\\.0/24|(\\d+)\\.(\\d+)(:\\d+)?)|127\\.0\\.0\\.1");

    /**
     * The IPv6 twin of a compose value: every lab address, subnet or LAB_NET.0.0/16 in it becomes its IPv6
     * counterpart by the rule above (an address with a port, "[address]:port"; loopback, ::1); the rest stays.
     */
    public static String ipv6Twin(String composeValue) {
        Matcher m = COMPOSE_V4.matcher(composeValue);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String six;
            if (m.group().startsWith("127.")) six = "::1";
            else if (m.group().endsWith(".0.0/16")) six = NET6 + "::/48";
            else if (m.group(1) != null) six = NET6 + ":" + m.group(1) + "::/64";
            else {
                six = NET6 + ":" + m.group(2) + "::" + m.group(3);
                if (m.group(4) != null) six = "[" + six + "]" + m.group(4);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(six));
        }
        return m.appendTail(b).toString();
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
