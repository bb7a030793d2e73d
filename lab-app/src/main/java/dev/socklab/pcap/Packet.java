package dev.socklab.pcap;

import java.time.Instant;

/**
 * A frame decoded down to its transport header: what the connection and flow analyses consume.
 *
 * @param frameLength the whole frame's length on the wire, link-layer header included (what Wireshark's
 *                    conversation statistics count as bytes)
 */
public record Packet(long number, Instant time, IpPacket ip, Transport transport, int frameLength) {

    /** A packet whose frame length is not known (counted as 0 bytes on the wire). */
    public Packet(long number, Instant time, IpPacket ip, Transport transport) {
        this(number, time, ip, transport, 0);
    }

    public Endpoint source() {
        return new Endpoint(ip.source(), sourcePort());
    }

    public Endpoint destination() {
        return new Endpoint(ip.destination(), destinationPort());
    }

    private int sourcePort() {
        return switch (transport) {
            case TcpSegment t -> t.sourcePort();
            case UdpDatagram u -> u.sourcePort();
            case Transport.Other o -> 0;
        };
    }

    private int destinationPort() {
        return switch (transport) {
            case TcpSegment t -> t.destinationPort();
            case UdpDatagram u -> u.destinationPort();
            case Transport.Other o -> 0;
        };
    }
}
