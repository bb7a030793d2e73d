package dev.socklab.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 subnet such as 10.10.2.0/24, to check that an address lies in it. */
record Subnet(String cidr) {

    /** A /24 for a test inside the prefix the test JVM claimed: {@code Subnet.it(201)} is 10.N.201.0/24. */
    static Subnet it(int third) {
        return new Subnet(TestNet.shared().net() + "." + third + ".0/24");
    }

    /** The network {@code n} of a lab on {@code plan}. */
    static Subnet of(AddressPlan plan, AddressPlan.Network n) {
        return new Subnet(plan.subnet(n));
    }

    /** The address ending in {@code host} in this /24. */
    String host(int host) {
        String n = network();
        return n.substring(0, n.lastIndexOf('.') + 1) + host;
    }

    String network() {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    int prefix() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    boolean contains(String dotted) {
        return (toInt(dotted) & mask()) == (toInt(network()) & mask());
    }

    boolean contains(InetAddress address) {
        if (address.getAddress().length != 4) return false;
        return contains(address.getHostAddress());
    }

    private int mask() {
        return prefix() == 0 ? 0 : -1 << (32 - prefix());
    }

    private static int toInt(String dotted) {
        try {
            byte[] b = InetAddress.getByName(dotted).getAddress();
            return ((b[0] & 255) << 24) | ((b[1] & 255) << 16) | ((b[2] & 255) << 8) | (b[3] & 255);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted, e);
        }
    }

    @Override
    public String toString() {
        return cidr;
    }
}
