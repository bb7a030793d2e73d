package dev.socklab.pcap;

import java.time.Instant;

/** A frame decoded down to its transport header: what the connection and flow analyses consume. */
public record Packet(long number, Instant time, IpPacket ip, Transport transport) {

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
