package dev.socklab.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The IPv4 or IPv6 header of a frame, reduced to what the analysis needs.
 *
 * @param payloadOffset where the transport header starts in the frame (after IPv6 extension headers)
 * @param payloadLength transport header plus data, from the IP header's length field, so it is right
 *                      even when the frame was cut by the snap length or padded by Ethernet
 * @param firstFragment false for a non-first fragment, which has no transport header to decode
 * @param ttl           IPv4 time to live or IPv6 hop limit: the sender's start value minus one per router passed
 */
public record IpPacket(int version, InetAddress source, InetAddress destination, int protocol,
                       int payloadOffset, int payloadLength, boolean firstFragment, int ttl) {
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;

    // IPv6 extension headers we step over to reach TCP/UDP.
    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int MOBILITY = 135;
    private static final int MAX_EXTENSIONS = 16;

    /** Decodes the IP header at {@code offset}; empty when it is missing, cut short or not IP. */
    static Optional<IpPacket> decode(NetworkBytes b, int offset) {
        if (!b.has(offset, 1)) return Optional.empty();
        return switch (b.u8(offset) >>> 4) {
            case 4 -> v4(b, offset);
            case 6 -> v6(b, offset);
            default -> Optional.empty();
        };
    }

    private static Optional<IpPacket> v4(NetworkBytes b, int at) {
        if (!b.has(at, 20)) return Optional.empty();
        int headerLength = (b.u8(at) & 0x0F) * 4;
        int totalLength = b.u16(at + 2);
        // Segmentation offload: the stack hands over one big packet with total length 0; its real size
        // is then only known from the capture.
        if (totalLength == 0) totalLength = b.length() - at;
        if (headerLength < 20 || totalLength < headerLength) return Optional.empty();
        int fragment = b.u16(at + 6);
        boolean first = (fragment & 0x1FFF) == 0;
        return Optional.of(new IpPacket(4, address(b, at + 12, 4), address(b, at + 16, 4), b.u8(at + 9),
                at + headerLength, totalLength - headerLength, first, b.u8(at + 8)));
    }

    private static Optional<IpPacket> v6(NetworkBytes b, int at) {
        if (!b.has(at, 40)) return Optional.empty();
        int remaining = b.u16(at + 4);
        // A zero payload length means a jumbogram (or offload); trust the captured bytes then.
        if (remaining == 0) remaining = b.length() - at - 40;
        int next = b.u8(at + 6);
        int offset = at + 40;
        boolean first = true;
        for (int i = 0; i < MAX_EXTENSIONS && isExtension(next); i++) {
            if (!b.has(offset, 8)) return Optional.empty();
            int length = switch (next) {
                case FRAGMENT -> 8;
                case AUTHENTICATION -> (b.u8(offset + 1) + 2) * 4;
                default -> (b.u8(offset + 1) + 1) * 8;
            };
            if (next == FRAGMENT && (b.u16(offset + 2) & 0xFFF8) != 0) first = false;
            next = b.u8(offset);
            offset += length;
            remaining -= length;
            if (remaining < 0) return Optional.empty();
        }
        return Optional.of(new IpPacket(6, address(b, at + 8, 16), address(b, at + 24, 16), next,
                offset, remaining, first, b.u8(at + 7)));
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
}
