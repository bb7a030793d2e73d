package dev.socklab.pcap;

import java.util.Optional;

/**
 * The TCP header of one segment. Sequence and acknowledgement numbers are unsigned 32-bit values held in a long.
 *
 * @param payloadLength data bytes, from the IP length minus the TCP header length (not from captured bytes)
 */
public record TcpSegment(int sourcePort, int destinationPort, long seq, long ack, TcpFlags flags, int window,
                         int headerLength, int payloadLength) implements Transport {

    /** Sequence space this segment uses: its data, plus one each for SYN and FIN. */
    public long sequenceLength() {
        return payloadLength + (flags.syn() ? 1 : 0) + (flags.fin() ? 1 : 0);
    }

    /**
     * Decodes the header at {@code offset}. Only the fixed 20 bytes must be captured: options and
     * data may be cut by the snap length.
     */
    static Optional<TcpSegment> decode(NetworkBytes b, int offset, int ipPayloadLength) {
        if (!b.has(offset, 20)) return Optional.empty();
        int headerLength = (b.u8(offset + 12) >>> 4) * 4;
        if (headerLength < 20 || headerLength > ipPayloadLength) return Optional.empty();
        return Optional.of(new TcpSegment(b.u16(offset), b.u16(offset + 2), b.u32(offset + 4), b.u32(offset + 8),
                new TcpFlags(b.u8(offset + 13)), b.u16(offset + 14), headerLength, ipPayloadLength - headerLength));
    }
}
