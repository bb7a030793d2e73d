package dev.socklab.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the classic libpcap format (what {@code tcpdump -w} writes): a 24-byte file header, then
 * per frame a 16-byte record header and the captured bytes. Either byte order, micro- or
 * nanosecond timestamps, all told apart by the magic number.
 */
final class ClassicPcapReader implements PacketSource {
    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /**
     * A record claiming more than this is corrupt, not big: refusing it keeps a damaged length
     * field from making us allocate gigabytes. 256 KiB is libpcap's own maximum snap length.
     */
    private static final int MAX_FRAME = 262_144;

    private final InputStream in;
    private final String name;
    private final ByteOrder order;
    private final boolean nanos;
    private final LinkType linkType;
    private final int snapLength;
    private final int maxFrame;
    private final byte[] recordHeader = new byte[RECORD_HEADER];
    private long offset;
    private long framesRead;

    static boolean recognizes(int magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_NANOS
                || magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
    }

    /** Reads the file header; {@code magic} is the first four bytes, already consumed, read big-endian. */
    ClassicPcapReader(InputStream in, String name, int magic) throws IOException {
        this.in = in;
        this.name = name;
        boolean swapped = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        this.order = swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        this.nanos = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);

        byte[] rest = in.readNBytes(FILE_HEADER - 4);
        offset = 4 + rest.length;
        if (rest.length < FILE_HEADER - 4) {
            throw new TruncatedCaptureException(name + " is truncated: the pcap file header has "
                    + offset + " of " + FILE_HEADER + " bytes", 0, offset);
        }
        ByteBuffer h = ByteBuffer.wrap(rest).order(order);
        int major = Short.toUnsignedInt(h.getShort(0));
        if (major != 2) {
            throw new CaptureFormatException(name + ": unsupported pcap version " + major + "."
                    + Short.toUnsignedInt(h.getShort(2)) + " (expected 2.4)", 0, 4);
        }
        snapLength = h.getInt(12);
        // The upper bits of the link-type field carry FCS information, not the type.
        int linkCode = h.getInt(16) & 0xFFFF;
        linkType = LinkType.of(linkCode).orElseThrow(() -> new CaptureFormatException(name
                + ": unsupported link type " + linkCode + " (" + LinkType.SUPPORTED + ")",
                0, 20));
        maxFrame = snapLength > MAX_FRAME ? Math.min(snapLength, 64 << 20) : MAX_FRAME;
    }

    @Override
    public Optional<Frame> next() throws IOException {
        int n = in.readNBytes(recordHeader, 0, RECORD_HEADER);
        if (n == 0) return Optional.empty();
        long number = framesRead + 1;
        if (n < RECORD_HEADER) {
            throw new TruncatedCaptureException(name + " is truncated: the record header of packet " + number
                    + " has " + n + " of " + RECORD_HEADER + " bytes (after " + framesRead + " complete packets)",
                    framesRead, offset);
        }
        ByteBuffer h = ByteBuffer.wrap(recordHeader).order(order);
        long seconds = Integer.toUnsignedLong(h.getInt(0));
        long fraction = Integer.toUnsignedLong(h.getInt(4));
        long captured = Integer.toUnsignedLong(h.getInt(8));
        long original = Integer.toUnsignedLong(h.getInt(12));
        if (captured > maxFrame) {
            throw new CaptureFormatException(name + " is corrupt: packet " + number + " claims " + captured
                    + " captured bytes (the limit is " + maxFrame + ") at offset " + offset
                    + " (after " + framesRead + " complete packets)", framesRead, offset);
        }
        byte[] data = in.readNBytes((int) captured);
        if (data.length < captured) {
            throw new TruncatedCaptureException(name + " is truncated: packet " + number + " has "
                    + data.length + " of " + captured + " bytes (after " + framesRead + " complete packets)",
                    framesRead, offset);
        }
        offset += RECORD_HEADER + captured;
        framesRead = number;
        // ofEpochSecond normalises an out-of-range fraction instead of failing: some writers produce one.
        Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
        int wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(original, captured));
        return Optional.of(new Frame(number, time, linkType, wireLength, data));
    }

    /** The file header's link type: known before the first frame, also when there is none. */
    LinkType linkType() {
        return linkType;
    }

    @Override
    public Optional<LinkType> headerLinkType() {
        return Optional.of(linkType);
    }

    @Override
    public long framesRead() {
        return framesRead;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
