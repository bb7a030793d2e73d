package dev.socklab.pcap;

import java.util.Optional;

/** The UDP header of one datagram. */
public record UdpDatagram(int sourcePort, int destinationPort, int length, int payloadLength) implements Transport {

    static Optional<UdpDatagram> decode(NetworkBytes b, int offset, int ipPayloadLength) {
        if (!b.has(offset, 8) || ipPayloadLength < 8) return Optional.empty();
        int length = b.u16(offset + 4);
        // The UDP length should equal the IP payload; if it does not (zero for IPv6 jumbograms,
        // or damaged), the IP header is the better authority.
        int size = length >= 8 && length <= ipPayloadLength ? length : ipPayloadLength;
        return Optional.of(new UdpDatagram(b.u16(offset), b.u16(offset + 2), length, size - 8));
    }
}
