package dev.socklab.pcap;

/**
 * Bounds-checked, big-endian (network order) reads over a frame's captured bytes. Decoders ask
 * {@link #has} before reading, so a short or garbled frame is skipped instead of throwing.
 */
final class NetworkBytes {
    private final byte[] data;

    NetworkBytes(byte[] data) {
        this.data = data;
    }

    int length() {
        return data.length;
    }

    /** True when {@code count} bytes starting at {@code offset} were captured. */
    boolean has(int offset, int count) {
        return offset >= 0 && count >= 0 && offset <= data.length - count;
    }

    int u8(int offset) {
        return data[offset] & 0xFF;
    }

    int u16(int offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }

    long u32(int offset) {
        return ((long) u16(offset) << 16) | u16(offset + 2);
    }

    byte[] slice(int offset, int count) {
        byte[] out = new byte[count];
        System.arraycopy(data, offset, out, 0, count);
        return out;
    }
}
