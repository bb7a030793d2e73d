package dev.socklab.pcap;

import java.util.List;
import java.util.Optional;

/** The UDP (or UDP-Lite) header of one datagram. */
public record UdpDatagram(int sourcePort, int destinationPort, int length, int payloadLength) implements Transport {
    private static final int HEADER = 8;

    /**
     * Decodes the header at {@code offset} by Wireshark's rules: a length below the header's 8 bytes makes
     * no datagram; a length past the IP payload is flagged but the datagram counts, sized by the IP header.
     */
    static Optional<UdpDatagram> decode(NetworkBytes b, IpPacket ip, List<Malformation> problems) {
        int ipPayloadLength = ip.payloadLength();
        int offset = ip.payloadOffset();
        if (ipPayloadLength < HEADER) {
            problems.add(new Malformation(Malformation.Kind.UDP_HEADER_CUT, HEADER, ipPayloadLength));
            return Optional.empty();
        }
        if (!b.has(offset, HEADER)) return Optional.empty();
        int length = b.u16(offset + 4);
        if (ip.protocol() == IpPacket.PROTOCOL_UDP_LITE) {
            // The field is the checksum coverage: 0 for all of it, else at least the header and at most the datagram.
            if ((length > 0 && length < HEADER) || length > ipPayloadLength) {
                problems.add(new Malformation(Malformation.Kind.UDP_LITE_COVERAGE, length, ipPayloadLength));
            }
            return Optional.of(datagram(b, offset, length, ipPayloadLength));
        }
        if (length == 0 && ip.version() == 6) {
            // RFC 2675: a jumbogram's UDP length is 0, its size in the hop-by-hop option; anything smaller is not one.
            problems.add(new Malformation(Malformation.Kind.UDP_ZERO_LENGTH_SHORT_PAYLOAD, length, ipPayloadLength));
            return Optional.of(datagram(b, offset, length, ipPayloadLength));
        }
        if (length < HEADER) {
            problems.add(new Malformation(Malformation.Kind.UDP_LENGTH_BELOW_HEADER, length, HEADER));
            return Optional.empty();
        }
        if (length <= ipPayloadLength) return Optional.of(datagram(b, offset, length, length));
        // The first fragment of a larger datagram carries its whole length: not a fault.
        if (!ip.moreFragments()) {
            problems.add(new Malformation(Malformation.Kind.UDP_LENGTH_PAST_PAYLOAD, length, ipPayloadLength));
        }
        return Optional.of(datagram(b, offset, length, ipPayloadLength));
    }

    private static UdpDatagram datagram(NetworkBytes b, int offset, int length, int size) {
        return new UdpDatagram(b.u16(offset), b.u16(offset + 2), length, size - HEADER);
    }
}
