package dev.socklab.pcap;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 or IPv6 header of a frame, reduced to what the analysis needs.
 *
 * @param payloadOffset where the transport header starts in the frame (after IPv6 extension headers)
 * @param payloadLength transport header plus data, from the IP header's length field, so it is right
 *                      even when the frame was cut by the snap length or padded by Ethernet; but never more
 *                      than the frame held on the wire (as Wireshark, which flags such a packet)
 * @param firstFragment false for a non-first fragment, which has no transport header to decode
 * @param ttl           IPv4 time to live or IPv6 hop limit: the sender's start value minus one per router passed
 * @param moreFragments the packet is a fragment and more follow: its transport header describes more than it carries
 */
public record IpPacket(int version, InetAddress source, InetAddress destination, int protocol,
                       int payloadOffset, int payloadLength, boolean firstFragment, int ttl, boolean moreFragments) {
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    /** UDP-Lite (RFC 3828): UDP's header with a checksum coverage in place of the length; Wireshark counts it as UDP. */
    public static final int PROTOCOL_UDP_LITE = 136;

    // IPv6 extension headers we step over to reach TCP/UDP.
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int MOBILITY = 135;
    private static final int MAX_EXTENSIONS = 16;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    /**
     * Decodes the IP header at {@code offset}; empty when it is missing, cut short or not IP. A length field
     * that cannot be right is added to {@code problems}.
     *
     * @param wireLength the frame's length on the wire (at least its captured bytes)
     */
    static Optional<IpPacket> decode(NetworkBytes b, int offset, int wireLength, List<Malformation> problems) {
        if (!b.has(offset, 1)) return Optional.empty();
        return switch (b.u8(offset) >>> 4) {
            case 4 -> v4(b, offset, wireLength, problems);
            case 6 -> v6(b, offset, wireLength, problems);
            default -> Optional.empty();
        };
    }

    private static Optional<IpPacket> v4(NetworkBytes b, int at, int wireLength, List<Malformation> problems) {
        int onWire = wireLength - at;
        if (!b.has(at, IPV4_MIN_HEADER)) return headerCut(b, at, IPV4_MIN_HEADER, onWire, problems);
        int headerLength = (b.u8(at) & 0x0F) * 4;
        if (headerLength < IPV4_MIN_HEADER) {
            problems.add(new Malformation(Malformation.Kind.IPV4_HEADER_LENGTH, headerLength, IPV4_MIN_HEADER));
            return Optional.empty();
        }
        int totalLength = b.u16(at + 2);
        // Segmentation offload: the stack hands over one big packet with total length 0; its real size
        // is then only known from the capture.
        if (totalLength == 0) totalLength = b.length() - at;
        if (totalLength < headerLength) {
            problems.add(new Malformation(Malformation.Kind.IPV4_TOTAL_LENGTH_BELOW_HEADER, totalLength, headerLength));
            return Optional.empty();
        }
        if (totalLength > onWire) {
            if (onWire < headerLength) return headerCut(b, at, headerLength, onWire, problems);
            problems.add(new Malformation(Malformation.Kind.IPV4_TOTAL_LENGTH_PAST_FRAME, totalLength, onWire));
            totalLength = onWire;
        }
        int fragment = b.u16(at + 6);
        boolean first = (fragment & 0x1FFF) == 0;
        boolean more = (fragment & 0x2000) != 0;
        return Optional.of(new IpPacket(4, address(b, at + 12, 4), address(b, at + 16, 4), b.u8(at + 9),
                at + headerLength, totalLength - headerLength, first, b.u8(at + 8), more));
    }

    private static Optional<IpPacket> v6(NetworkBytes b, int at, int wireLength, List<Malformation> problems) {
        if (!b.has(at, IPV6_HEADER)) return headerCut(b, at, IPV6_HEADER, wireLength - at, problems);
        int remaining = b.u16(at + 4);
        // A zero payload length means a jumbogram (or offload); trust the captured bytes then.
        if (remaining == 0) remaining = b.length() - at - IPV6_HEADER;
        int onWire = wireLength - at - IPV6_HEADER;
        if (remaining > onWire) {
            problems.add(new Malformation(Malformation.Kind.IPV6_PAYLOAD_LENGTH_PAST_FRAME, remaining, onWire));
            remaining = onWire;
        }
        int payload = remaining;
        int next = b.u8(at + 6);
        int offset = at + IPV6_HEADER;
        boolean first = true;
        boolean more = false;
        for (int i = 0; i < MAX_EXTENSIONS && isExtension(next); i++) {
            if (!b.has(offset, 8)) {
                // Past the payload is a malformed packet; past the captured bytes only a snap length.
                if (remaining < 8) extensionsPast(offset + 8 - at - IPV6_HEADER, payload, problems);
                return Optional.empty();
            }
            int length = switch (next) {
                case FRAGMENT -> 8;
                case AUTHENTICATION -> (b.u8(offset + 1) + 2) * 4;
                default -> (b.u8(offset + 1) + 1) * 8;
            };
            if (next == FRAGMENT) {
                if ((b.u16(offset + 2) & 0xFFF8) != 0) first = false;
                more = (b.u8(offset + 3) & 1) != 0;
            }
            next = b.u8(offset);
            offset += length;
            remaining -= length;
            if (remaining < 0) {
                extensionsPast(offset - at - IPV6_HEADER, payload, problems);
                return Optional.empty();
            }
        }
        return Optional.of(new IpPacket(6, v6Address(b, at + 8), v6Address(b, at + 24), next,
                offset, remaining, first, b.u8(at + 7), more));
    }

    private static void extensionsPast(int end, int payload, List<Malformation> problems) {
        problems.add(new Malformation(Malformation.Kind.IPV6_EXTENSIONS_PAST_PAYLOAD, end, payload));
    }

    /** A header the frame ends inside: malformed unless the snap length cut the frame there. */
    private static Optional<IpPacket> headerCut(NetworkBytes b, int at, int header, int onWire, List<Malformation> problems) {
        if (onWire <= b.length() - at) {
            problems.add(new Malformation(Malformation.Kind.IP_HEADER_CUT, header, Math.max(onWire, 0)));
        }
        return Optional.empty();
    }

    private static boolean isExtension(int header) {
        return header == HOP_BY_HOP || header == ROUTING || header == FRAGMENT || header == AUTHENTICATION
                || header == DESTINATION_OPTIONS || header == MOBILITY;
    }

    private static InetAddress address(NetworkBytes b, int offset, int length) {
        try {
            return InetAddress.getByAddress(b.slice(offset, length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /**
     * An IPv6 address stays one even when it is IPv4-mapped ({@code ::ffff:10.0.0.1}), which
     * {@link InetAddress#getByAddress(byte[])} would turn into an IPv4 address.
     */
    private static InetAddress v6Address(NetworkBytes b, int offset) {
        try {
            return Inet6Address.getByAddress(null, b.slice(offset, 16), -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 16-byte address is always valid", e);
        }
    }
}
