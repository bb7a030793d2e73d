package dev.socklab.pcap;

import dev.socklab.address.AddressText;
import java.net.InetAddress;
import java.util.Arrays;

/** One end of a conversation: an IP address and a port, printed as {@code 10.10.2.20:45678} or {@code [fd00::1]:9898}. */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {

    @Override
    public String toString() {
        return AddressText.endpoint(address, port);
    }

    /** The address alone, IPv6 in its short form ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}). */
    public String host() {
        return AddressText.host(address);
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = Arrays.compare(address.getAddress(), o.address.getAddress());
        return c != 0 ? c : Integer.compare(port, o.port);
    }
}
