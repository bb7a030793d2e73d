package dev.socklab.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One datagram of a UDP file transfer: a 16-byte big-endian header then the data.
 *
 * <pre>
 * offset 0  magic     "SLU1" (4 bytes)
 * offset 4  transfer  id chosen at random by the client (4 bytes)
 * offset 8  sequence  0-based chunk number; 0xFFFFFFFF marks the END datagram (4 bytes)
 * offset 12 total     number of data chunks in the transfer (4 bytes, unsigned)
 * offset 16 data      the chunk; for END: the file's 32-byte SHA-256
 * </pre>
 */
public record Datagram(int transferId, int sequence, int total, byte[] data) {

    public static final byte[] MAGIC = "SLU1".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_SIZE = 16;
    /** The sequence number of the END datagram that carries the SHA-256. */
    public static final int END = -1;
    private static final int SHA256_SIZE = 32;

    public Datagram {
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, got " + total);
        if (sequence != END && (sequence < 0 || sequence >= total)) {
            throw new IllegalArgumentException("sequence " + sequence + " outside 0.." + (total - 1));
        }
        if (data == null) throw new IllegalArgumentException("data is null");
        if (HEADER_SIZE + data.length > Defaults.MAX_PAYLOAD) {
            throw new IllegalArgumentException("datagram too large: " + (HEADER_SIZE + data.length) + " bytes");
        }
    }

    public static Datagram chunk(int transferId, int sequence, int total, byte[] data) {
        return new Datagram(transferId, sequence, total, data);
    }

    public static Datagram end(int transferId, int total, byte[] sha256) {
        if (sha256.length != SHA256_SIZE) throw new IllegalArgumentException("SHA-256 must be 32 bytes");
        return new Datagram(transferId, END, total, sha256);
    }

    public boolean isEnd() {
        return sequence == END;
    }

    /** The END datagram's digest in lowercase hex. */
    public String sha256Hex() {
        if (!isEnd()) throw new IllegalStateException("only the END datagram carries a SHA-256");
        return HexFormat.of().formatHex(data);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + data.length);
        b.put(MAGIC).putInt(transferId).putInt(sequence).putInt(total).put(data);
        return b.array();
    }

    /** Quick test before decoding: does this look like one of ours at all? */
    public static boolean hasMagic(byte[] buf, int offset, int length) {
        return length >= MAGIC.length && Arrays.equals(buf, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Decodes a received datagram; anything malformed is a {@link FormatException}, never another exception. */
    public static Datagram decode(byte[] buf, int offset, int length) throws FormatException {
        if (buf == null || offset < 0 || length < 0 || offset + length > buf.length) {
            throw new FormatException("bad buffer bounds");
        }
        if (length < HEADER_SIZE) throw new FormatException("too short for a header: " + length + " bytes");
        if (!hasMagic(buf, offset, length)) throw new FormatException("bad magic (not a socklab file datagram)");
        ByteBuffer b = ByteBuffer.wrap(buf, offset, length);
        b.position(offset + MAGIC.length);
        int id = b.getInt();
        int seq = b.getInt();
        int total = b.getInt();
        byte[] data = new byte[length - HEADER_SIZE];
        b.get(data);
        if (total < 0) throw new FormatException("bad total count " + Integer.toUnsignedString(total));
        if (seq == END) {
            if (data.length != SHA256_SIZE) throw new FormatException("END datagram without a 32-byte SHA-256");
        } else if (seq < 0 || seq >= total) {
            throw new FormatException("sequence " + Integer.toUnsignedString(seq) + " outside 0.." + (total - 1));
        }
        return new Datagram(id, seq, total, data);
    }

    public static Datagram decode(byte[] datagram) throws FormatException {
        return decode(datagram, 0, datagram == null ? 0 : datagram.length);
    }

    /** A datagram that is not a valid file datagram. */
    public static final class FormatException extends Exception {
        public FormatException(String message) {
            super(message);
        }
    }
}
