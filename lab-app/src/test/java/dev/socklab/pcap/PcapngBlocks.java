package dev.socklab.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: writes pcapng block by block, in either byte order, for the variants Wireshark on
 * this machine does not write (big-endian, simple packet blocks, binary timestamp resolutions,
 * unknown blocks, several sections). Frames come from real captures.
 */
final class PcapngBlocks {
    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PcapngBlocks(ByteOrder order) {
        this.order = order;
    }

    /** A section header (version 1.0, unknown section length) with a shb_userappl option. */
    PcapngBlocks section() {
        byte[] app = options(4, "socklab test".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = body(16 + app.length);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L).put(app);
        return block(0x0A0D0D0A, b);
    }

    /** An interface description; {@code tsresol} &lt; 0 leaves the option out (microseconds). */
    PcapngBlocks interfaceDescription(int linkType, int snapLength, int tsresol, long tsOffsetSeconds) {
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        opts.writeBytes(options(2, "eth0".getBytes(StandardCharsets.US_ASCII)));
        if (tsresol >= 0) opts.writeBytes(options(9, new byte[] {(byte) tsresol}));
        if (tsOffsetSeconds != 0) opts.writeBytes(options(14, ByteBuffer.allocate(8).order(order).putLong(tsOffsetSeconds).array()));
        byte[] o = opts.toByteArray();
        ByteBuffer b = body(8 + o.length + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(snapLength).put(o).putInt(0);  // opt_endofopt
        return block(1, b);
    }

    /** An enhanced packet block: timestamp in the interface's units, with an epb_flags option. */
    PcapngBlocks enhancedPacket(int interfaceId, long timestamp, int originalLength, byte[] data) {
        byte[] flags = options(2, ByteBuffer.allocate(4).order(order).putInt(1).array());  // inbound
        ByteBuffer b = body(20 + pad(data.length) + flags.length + 4);
        b.putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(data.length).putInt(originalLength).put(data);
        b.position(20 + pad(data.length));
        b.put(flags).putInt(0);
        return block(6, b);
    }

    /** A simple packet block: no interface id, no timestamp, no captured length. */
    PcapngBlocks simplePacket(int originalLength, byte[] data) {
        ByteBuffer b = body(4 + pad(data.length));
        b.putInt(originalLength).put(data);
        return block(3, b);
    }

    /** A block of a type the reader does not know, which it must skip. */
    PcapngBlocks unknownBlock(int type, int bodyLength) {
        ByteBuffer b = body(pad(bodyLength));
        for (int i = 0; i < bodyLength; i++) b.put((byte) 0x5A);
        return block(type, b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private PcapngBlocks block(int type, ByteBuffer body) {
        int length = 12 + body.capacity();
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        b.putInt(type).putInt(length).put(body.array()).putInt(length);
        out.writeBytes(b.array());
        return this;
    }

    private ByteBuffer body(int length) {
        return ByteBuffer.allocate(length).order(order);
    }

    /** One option (code, length, value padded to 4 bytes). */
    private byte[] options(int code, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + pad(value.length)).order(order);
        b.putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
