package dev.socklab.pcap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Decodes a frame through link layer, IP and TCP/UDP headers. Frames that carry no IP decode to empty. */
public final class PacketDecoder {

    /**
     * A decoded frame: its packet, if it carried IP, and the header lengths that could not be right
     * (a malformed packet may still decode: see {@link Malformation.Kind#counted()}).
     */
    public record Result(Optional<Packet> packet, List<Malformation> malformations) {
    }

    private PacketDecoder() {
    }

    /** Where the frame's IP header starts (after the link layer's), if it carries IP. */
    public static OptionalInt ipOffset(Frame frame) {
        return LinkLayer.ipOffset(frame.linkType(), new NetworkBytes(frame.data()));
    }

    public static Optional<Packet> decode(Frame frame) {
        return examine(frame).packet();
    }

    /** Decodes {@code frame} and says what was wrong with its headers. */
    public static Result examine(Frame frame) {
        NetworkBytes b = new NetworkBytes(frame.data());
        OptionalInt at = LinkLayer.ipOffset(frame.linkType(), b);
        if (at.isEmpty()) return new Result(Optional.empty(), List.of());
        List<Malformation> problems = new ArrayList<>(2);
        // Lengths are held to what was on the wire: a frame cut by the snap length is not malformed.
        int wireLength = Math.max(frame.originalLength(), frame.capturedLength());
        Optional<Packet> packet = IpPacket.decode(b, at.getAsInt(), wireLength, problems)
                .map(ip -> new Packet(frame.number(), frame.time(), ip, transport(b, ip, problems), frame.originalLength()));
        return new Result(packet, List.copyOf(problems));
    }

    private static Transport transport(NetworkBytes b, IpPacket ip, List<Malformation> problems) {
        if (!ip.firstFragment()) return new Transport.Other(ip.protocol());
        Optional<? extends Transport> decoded = switch (ip.protocol()) {
            case IpPacket.PROTOCOL_TCP -> TcpSegment.decode(b, ip.payloadOffset(), ip.payloadLength(), problems);
            case IpPacket.PROTOCOL_UDP, IpPacket.PROTOCOL_UDP_LITE -> UdpDatagram.decode(b, ip, problems);
            default -> Optional.empty();
        };
        return decoded.isPresent() ? decoded.get() : new Transport.Other(ip.protocol());
    }
}
