package dev.socklab.pcap;

import java.util.Optional;
import java.util.OptionalInt;

/** Decodes a frame through link layer, IP and TCP/UDP headers. Frames that carry no IP decode to empty. */
public final class PacketDecoder {

    private PacketDecoder() {
    }

    public static Optional<Packet> decode(Frame frame) {
        NetworkBytes b = new NetworkBytes(frame.data());
        OptionalInt at = LinkLayer.ipOffset(frame.linkType(), b);
        if (at.isEmpty()) return Optional.empty();
        return IpPacket.decode(b, at.getAsInt())
                .map(ip -> new Packet(frame.number(), frame.time(), ip, transport(b, ip), frame.originalLength()));
    }

    private static Transport transport(NetworkBytes b, IpPacket ip) {
        if (!ip.firstFragment()) return new Transport.Other(ip.protocol());
        Optional<? extends Transport> decoded = switch (ip.protocol()) {
            case IpPacket.PROTOCOL_TCP -> TcpSegment.decode(b, ip.payloadOffset(), ip.payloadLength());
            case IpPacket.PROTOCOL_UDP -> UdpDatagram.decode(b, ip.payloadOffset(), ip.payloadLength());
            default -> Optional.empty();
        };
        return decoded.isPresent() ? decoded.get() : new Transport.Other(ip.protocol());
    }
}
