package dev.socklab.pcap;

import java.util.List;
import java.util.Optional;

/**
 * The TCP header of one segment. Sequence and acknowledgement numbers are unsigned 32-bit values held in a long.
 *
 * @param window        the window field as sent (not yet scaled)
 * @param payloadLength data bytes, from the IP length minus the TCP header length (not from captured bytes)
 * @param windowScale   the window scale option's shift count on a SYN that carries one (and whose options
 *                      were captured), else {@link #NO_WINDOW_SCALE}
 */
public record TcpSegment(int sourcePort, int destinationPort, long seq, long ack, TcpFlags flags, int window,
                         int headerLength, int payloadLength, int windowScale) implements Transport {
    public static final int NO_WINDOW_SCALE = -1;
    private static final int MIN_HEADER = 20;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_WINDOW_SCALE = 3;
    /** RFC 7323: a larger shift count is treated as 14. */
    private static final int MAX_WINDOW_SCALE = 14;

    public TcpSegment(int sourcePort, int destinationPort, long seq, long ack, TcpFlags flags, int window,
                      int headerLength, int payloadLength) {
        this(sourcePort, destinationPort, seq, ack, flags, window, headerLength, payloadLength, NO_WINDOW_SCALE);
    }

    /** Sequence space this segment uses: its data, plus one each for SYN and FIN. */
    public long sequenceLength() {
        return payloadLength + (flags.syn() ? 1 : 0) + (flags.fin() ? 1 : 0);
    }

    /**
     * Decodes the header at {@code offset}. Only the fixed 20 bytes must be captured: options and
     * data may be cut by the snap length.
     */
    static Optional<TcpSegment> decode(NetworkBytes b, int offset, int ipPayloadLength, List<Malformation> problems) {
        // Wireshark leaves a segment with an impossible header out of its conversations, as here.
        if (ipPayloadLength < MIN_HEADER) {
            problems.add(new Malformation(Malformation.Kind.TCP_HEADER_CUT, MIN_HEADER, ipPayloadLength));
            return Optional.empty();
        }
        if (!b.has(offset, MIN_HEADER)) return Optional.empty();
        int headerLength = (b.u8(offset + 12) >>> 4) * 4;
        if (headerLength < MIN_HEADER) {
            problems.add(new Malformation(Malformation.Kind.TCP_HEADER_LENGTH_BELOW_MINIMUM, headerLength, MIN_HEADER));
            return Optional.empty();
        }
        if (headerLength > ipPayloadLength) {
            problems.add(new Malformation(Malformation.Kind.TCP_HEADER_PAST_PAYLOAD, headerLength, ipPayloadLength));
            return Optional.empty();
        }
        TcpFlags flags = new TcpFlags(b.u8(offset + 13));
        // Only a SYN may carry the window scale, so only a SYN's options are read.
        int scale = flags.syn() ? windowScale(b, offset + 20, offset + headerLength) : NO_WINDOW_SCALE;
        return Optional.of(new TcpSegment(b.u16(offset), b.u16(offset + 2), b.u32(offset + 4), b.u32(offset + 8),
                flags, b.u16(offset + 14), headerLength, ipPayloadLength - headerLength, scale));
    }

    private static int windowScale(NetworkBytes b, int at, int end) {
        while (at < end && b.has(at, 1)) {
            int kind = b.u8(at);
            if (kind == OPTION_END) break;
            if (kind == OPTION_NOP) {
                at++;
                continue;
            }
            if (!b.has(at, 2)) break;
            int length = b.u8(at + 1);
            if (length < 2) break;
            if (kind == OPTION_WINDOW_SCALE && length == 3 && b.has(at, 3)) return Math.min(b.u8(at + 2), MAX_WINDOW_SCALE);
            at += length;
        }
        return NO_WINDOW_SCALE;
    }
}
