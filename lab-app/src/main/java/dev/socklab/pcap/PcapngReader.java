package dev.socklab.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pcapng (what Wireshark and dumpcap save by default): a stream of blocks, each
 * {@code type, length, body, length}. A section header fixes the byte order; interface
 * descriptions give each interface its link type and timestamp resolution; enhanced (and simple,
 * and the obsolete) packet blocks carry the frames. Every other block type is skipped, as the
 * format asks. Several sections (a file made by {@code cat a.pcapng b.pcapng}) are fine: each
 * starts its own interface list.
 */
final class PcapngReader implements PacketSource {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int INTERFACE_STATISTICS = 5;
    private static final int OPTION_END = 0;
    private static final int OPTION_COMMENT = 1;
    private static final int ISB_IFRECV = 4;
    private static final int ISB_IFDROP = 5;
    private static final int OPTION_NAME = 2;
    private static final int OPTION_TS_RESOLUTION = 9;
    private static final int OPTION_TS_OFFSET = 14;
    /**
     * A block claiming more than this is corrupt, not big: the largest frame we accept (as in the
     * classic reader) plus room for headers and options. Keeps a damaged length from costing memory.
     */
    private static final int MAX_BLOCK = (64 << 20) + 4096;
    private static final int BLOCK_HEADER = 8;
    private static final int BLOCK_TRAILER = 4;

    /** One interface description: what its frames start with and how to read their timestamps. */
    private record Interface(int linkCode, Optional<LinkType> linkType, int snapLength, Timestamps timestamps, String name) {
    }

    private final InputStream in;
    private final String name;
    private final List<Interface> interfaces = new ArrayList<>();
    private final List<CaptureStatistics> statistics = new ArrayList<>();
    private ByteOrder order;
    private long offset;
    private long framesRead;
    /** The SHB's first four bytes were consumed by {@link CaptureReader} to choose this reader. */
    private boolean firstBlockTypeConsumed = true;

    PcapngReader(InputStream in, String name) throws IOException {
        this.in = in;
        this.name = name;
        // The file must begin with a section header; read it now so a bad file fails at open.
        readBlock();
    }

    @Override
    public Optional<Frame> next() throws IOException {
        while (true) {
            try {
                Frame frame = readBlock();
                if (frame != null) return Optional.of(frame);
            } catch (EndOfCapture e) {
                return Optional.empty();
            }
        }
    }

    /** Signals the clean end of the file (at a block boundary). */
    private static final class EndOfCapture extends IOException {
        EndOfCapture() {
            super(null, null);
        }
    }

    /**
     * Reads one block: the frame of a packet block, or {@code null} for any other block and for a
     * packet on an interface whose link layer we cannot decode (numbered, not returned).
     */
    private Frame readBlock() throws IOException {
        long blockStart = offset;
        int type;
        if (firstBlockTypeConsumed) {
            firstBlockTypeConsumed = false;
            type = SECTION_HEADER;
            offset = 4;
            blockStart = 0;
        } else {
            byte[] t = in.readNBytes(4);
            if (t.length == 0) throw new EndOfCapture();
            offset += t.length;
            if (t.length < 4) throw truncated("the header of the block at offset " + blockStart, blockStart);
            type = ByteBuffer.wrap(t).order(order).getInt();
        }
        if (type == SECTION_HEADER) {
            readSectionHeader(blockStart);
            return null;
        }
        byte[] lengthBytes = readFully(4, "the header of the block at offset " + blockStart, blockStart);
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(lengthBytes).order(order).getInt());
        checkLength(length, type, blockStart);
        byte[] body = readFully((int) length - BLOCK_HEADER - BLOCK_TRAILER, blockDescription(type, blockStart), blockStart);
        byte[] trailer = readFully(BLOCK_TRAILER, blockDescription(type, blockStart), blockStart);
        if (Integer.toUnsignedLong(ByteBuffer.wrap(trailer).order(order).getInt()) != length) {
            throw corrupt("the block at offset " + blockStart + " ends with a length different from its start", blockStart);
        }
        ByteBuffer b = ByteBuffer.wrap(body).order(order);
        return switch (type) {
            case INTERFACE_DESCRIPTION -> {
                interfaces.add(readInterface(b, blockStart));
                yield null;
            }
            case ENHANCED_PACKET -> timedPacket(b, blockStart, false);
            case SIMPLE_PACKET -> simplePacket(b, blockStart);
            case OBSOLETE_PACKET -> timedPacket(b, blockStart, true);
            case INTERFACE_STATISTICS -> {
                readStatistics(b, blockStart);
                yield null;
            }
            default -> null;   // name resolution, custom, decryption secrets...: not ours
        };
    }

    private void readSectionHeader(long blockStart) throws IOException {
        byte[] head = readFully(8, "the section header", blockStart);
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
        int magic = h.getInt(4);
        if (magic == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw corrupt(String.format("the section header at offset %d has byte-order magic %08x, expected 1a2b3c4d",
                    blockStart, magic), blockStart);
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(head).order(order).getInt(0));
        checkLength(length, SECTION_HEADER, blockStart);
        if (length < 28) throw corrupt("the section header at offset " + blockStart + " is only " + length + " bytes", blockStart);
        byte[] rest = readFully((int) length - 12, "the section header", blockStart);
        ByteBuffer r = ByteBuffer.wrap(rest).order(order);
        int major = Short.toUnsignedInt(r.getShort(0));
        if (major != 1) {
            throw new CaptureFormatException(name + ": unsupported pcapng version " + major + "."
                    + Short.toUnsignedInt(r.getShort(2)) + " (expected 1.0)", framesRead, blockStart);
        }
        if (Integer.toUnsignedLong(r.getInt(rest.length - 4)) != length) {
            throw corrupt("the section header at offset " + blockStart + " ends with a length different from its start",
                    blockStart);
        }
        // A new section starts a new list of interfaces: ids count from 0 again.
        interfaces.clear();
    }

    private Interface readInterface(ByteBuffer b, long blockStart) throws CaptureFormatException {
        if (b.limit() < 8) throw corrupt("the interface description at offset " + blockStart + " is too short", blockStart);
        int linkCode = Short.toUnsignedInt(b.getShort(0));
        int snapLength = b.getInt(4);
        int resolution = 6;
        long tsOffset = 0;
        String ifName = "";
        int at = 8;
        while (at + 4 <= b.limit()) {
            int code = Short.toUnsignedInt(b.getShort(at));
            int length = Short.toUnsignedInt(b.getShort(at + 2));
            if (code == OPTION_END) break;
            if (at + 4 + length > b.limit()) {
                throw corrupt("an option of the interface description at offset " + blockStart + " overruns it", blockStart);
            }
            if (code == OPTION_TS_RESOLUTION && length >= 1) resolution = b.get(at + 4) & 0xFF;
            if (code == OPTION_TS_OFFSET && length >= 8) tsOffset = b.getLong(at + 4);
            if (code == OPTION_NAME) ifName = utf8(b, at + 4, length);
            at += 4 + ((length + 3) & ~3);
        }
        Optional<Timestamps> timestamps = Timestamps.of(resolution, tsOffset);
        if (timestamps.isEmpty()) {
            throw new CaptureFormatException(name + ": interface " + interfaces.size()
                    + " has a timestamp resolution we cannot represent (" + Timestamps.describe(resolution) + ")",
                    framesRead, blockStart);
        }
        return new Interface(linkCode, LinkType.of(linkCode), snapLength, timestamps.get(), ifName);
    }

    /** An interface statistics block: what a capture counted of itself (isb_ifrecv, isb_ifdrop) and its comment. */
    private void readStatistics(ByteBuffer b, long blockStart) throws CaptureFormatException {
        if (b.limit() < 12) throw corrupt("the statistics block at offset " + blockStart + " is too short", blockStart);
        Interface i = interfaces.isEmpty() || Integer.toUnsignedLong(b.getInt(0)) >= interfaces.size() ? null
                : interfaces.get(b.getInt(0));
        if (i == null) return;   // statistics of an interface never described: nothing to attach them to
        long raw = (Integer.toUnsignedLong(b.getInt(4)) << 32) | Integer.toUnsignedLong(b.getInt(8));
        Instant time = instant(i, raw, blockStart);
        Long received = null;
        Long dropped = null;
        String comment = "";
        int at = 12;
        while (at + 4 <= b.limit()) {
            int code = Short.toUnsignedInt(b.getShort(at));
            int length = Short.toUnsignedInt(b.getShort(at + 2));
            if (code == OPTION_END || at + 4 + length > b.limit()) break;
            if (code == ISB_IFRECV && length == 8) received = b.getLong(at + 4);
            if (code == ISB_IFDROP && length == 8) dropped = b.getLong(at + 4);
            if (code == OPTION_COMMENT) comment = utf8(b, at + 4, length);
            at += 4 + ((length + 3) & ~3);
        }
        statistics.add(new CaptureStatistics(i.name(), time, received, dropped, comment));
    }

    @Override
    public List<CaptureStatistics> statistics() {
        return List.copyOf(statistics);
    }

    /** An option's UTF-8 text, without the NUL some writers end it with. */
    private static String utf8(ByteBuffer b, int at, int length) {
        byte[] text = new byte[length];
        b.get(at, text);
        int end = length;
        while (end > 0 && text[end - 1] == 0) end--;
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The if_name of each interface described so far in this section ("" when unnamed), in id order. */
    List<String> interfaceNames() {
        return interfaces.stream().map(Interface::name).toList();
    }

    /**
     * An enhanced packet block, or the obsolete packet block it replaced: the same layout but for the
     * interface id (32 bits, or 16 bits followed by a drop count).
     */
    private Frame timedPacket(ByteBuffer b, long blockStart, boolean obsolete) throws CaptureFormatException {
        if (b.limit() < 20) throw corrupt("the packet block at offset " + blockStart + " is too short", blockStart);
        long id = obsolete ? Short.toUnsignedInt(b.getShort(0)) : Integer.toUnsignedLong(b.getInt(0));
        Interface i = interfaceOf(id, blockStart);
        long time = (Integer.toUnsignedLong(b.getInt(4)) << 32) | Integer.toUnsignedLong(b.getInt(8));
        long captured = Integer.toUnsignedLong(b.getInt(12));
        long original = Integer.toUnsignedLong(b.getInt(16));
        if (captured > b.limit() - 20) {
            throw corrupt("packet " + (framesRead + 1) + " claims " + captured + " captured bytes, more than its block holds",
                    blockStart);
        }
        return frame(i, instant(i, time, blockStart), b, 20, (int) captured, original);
    }

    private Instant instant(Interface i, long raw, long blockStart) throws CaptureFormatException {
        try {
            return i.timestamps().instant(raw);
        } catch (DateTimeException | ArithmeticException e) {
            throw corrupt("packet " + (framesRead + 1) + " has a timestamp beyond any date", blockStart);
        }
    }

    private Frame simplePacket(ByteBuffer b, long blockStart) throws CaptureFormatException {
        if (b.limit() < 4) throw corrupt("the simple packet block at offset " + blockStart + " is too short", blockStart);
        Interface i = interfaceOf(0, blockStart);
        long original = Integer.toUnsignedLong(b.getInt(0));
        // No captured length: the frame is the original cut by the snap length and by the block itself.
        long captured = Math.min(original, b.limit() - 4);
        if (i.snapLength() > 0) captured = Math.min(captured, i.snapLength());
        // A simple packet block has no timestamp; Wireshark shows the epoch too.
        return frame(i, Instant.EPOCH, b, 4, (int) captured, original);
    }

    /** Numbers the frame as Wireshark does (every packet block counts), or null on an undecodable interface. */
    private Frame frame(Interface i, Instant time, ByteBuffer b, int at, int captured, long original) {
        framesRead++;
        if (i.linkType().isEmpty()) return null;
        byte[] data = new byte[captured];
        b.get(at, data);
        int wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(original, captured));
        return new Frame(framesRead, time, i.linkType().get(), wireLength, data, i.name());
    }

    private Interface interfaceOf(long id, long blockStart) throws CaptureFormatException {
        if (id >= interfaces.size()) {
            throw corrupt("packet " + (framesRead + 1) + " names interface " + id + " but the section describes "
                    + interfaces.size(), blockStart);
        }
        Interface i = interfaces.get((int) id);
        if (i.linkType().isEmpty() && interfaces.stream().allMatch(x -> x.linkType().isEmpty())) {
            // Nothing in this section could be decoded: say so instead of reporting an empty capture.
            throw new CaptureFormatException(name + ": unsupported link type " + i.linkCode()
                    + " (" + LinkType.SUPPORTED + ")", framesRead, blockStart);
        }
        return i;
    }

    private void checkLength(long length, int type, long blockStart) throws CaptureFormatException {
        if (length < BLOCK_HEADER + BLOCK_TRAILER || length % 4 != 0 || length > MAX_BLOCK) {
            throw corrupt(blockDescription(type, blockStart) + " claims an impossible length of " + length + " bytes",
                    blockStart);
        }
    }

    private static String blockDescription(int type, long blockStart) {
        String what = switch (type) {
            case SECTION_HEADER -> "the section header";
            case INTERFACE_DESCRIPTION -> "the interface description";
            case ENHANCED_PACKET, SIMPLE_PACKET, OBSOLETE_PACKET -> "the packet block";
            default -> String.format("the block (type 0x%08x)", type);
        };
        return what + " at offset " + blockStart;
    }

    private byte[] readFully(int count, String what, long blockStart) throws IOException {
        byte[] data = in.readNBytes(count);
        offset += data.length;
        if (data.length < count) throw truncated(what, blockStart);
        return data;
    }

    private TruncatedCaptureException truncated(String what, long blockStart) {
        return new TruncatedCaptureException(name + " is truncated: the file ends inside " + what
                + " (after " + framesRead + " complete packets)", framesRead, blockStart);
    }

    private CaptureFormatException corrupt(String what, long blockStart) {
        return new CaptureFormatException(name + " is corrupt: " + what + " (after " + framesRead + " complete packets)",
                framesRead, blockStart);
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

    /**
     * An interface's timestamp unit: 10^-n or 2^-n seconds (if_tsresol; microseconds when absent),
     * plus if_tsoffset seconds.
     */
    record Timestamps(boolean binary, int exponent, long offsetSeconds) {

        static Optional<Timestamps> of(int tsresol, long offsetSeconds) {
            boolean binary = (tsresol & 0x80) != 0;
            int exponent = tsresol & 0x7F;
            // 10^19 does not fit a long; 2^-64 and finer neither. No capture hardware is that precise.
            if (!binary && exponent > 18 || binary && exponent > 62) return Optional.empty();
            return Optional.of(new Timestamps(binary, exponent, offsetSeconds));
        }

        static String describe(int tsresol) {
            return ((tsresol & 0x80) != 0 ? "2^-" : "10^-") + (tsresol & 0x7F) + " s";
        }

        /** The instant of a raw 64-bit (unsigned) timestamp in this unit. */
        Instant instant(long raw) {
            long seconds;
            long nanos;
            if (binary) {
                seconds = raw >>> exponent;
                long fraction = raw & ((1L << exponent) - 1);
                nanos = BigInteger.valueOf(fraction).multiply(BigInteger.valueOf(1_000_000_000L))
                        .shiftRight(exponent).longValue();
            } else {
                long unit = pow10(exponent);
                seconds = Long.divideUnsigned(raw, unit);
                long fraction = Long.remainderUnsigned(raw, unit);
                nanos = exponent <= 9 ? fraction * pow10(9 - exponent) : fraction / pow10(exponent - 9);
            }
            return Instant.ofEpochSecond(Math.addExact(seconds, offsetSeconds), nanos);
        }

        private static long pow10(int n) {
            long p = 1;
            for (int i = 0; i < n; i++) p *= 10;
            return p;
        }
    }
}
