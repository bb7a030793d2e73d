package dev.socklab.pcap;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes pcapng as a stream: a section header, then interface descriptions (one per capture point, named by
 * if_name, nanosecond timestamps) and enhanced packet blocks, in the order they are called. Interfaces may be
 * added at any time before their first packet, so a live stream can name a point when it first appears.
 * Little-endian, version 1.0, section length unknown (-1): nothing needs to be rewritten afterwards.
 * The caller owns the stream: this writer never closes it.
 */
public final class PcapngWriter implements Flushable {
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final int INTERFACE_STATISTICS = 5;
    private static final int OPT_COMMENT = 1;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int ISB_IFRECV = 4;
    private static final int ISB_IFDROP = 5;
    /** 262144: libpcap's largest snap length, which tcpdump uses by default. */
    public static final int SNAP_LENGTH = 262_144;

    private final OutputStream out;
    private int interfaces;

    /** Writes the section header at once, naming the application that wrote the file (shb_userappl). */
    public PcapngWriter(OutputStream out, String application) throws IOException {
        this.out = out;
        byte[] app = option(4, application.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = body(16 + app.length + 4);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L).put(app).putInt(0);
        block(SECTION_HEADER, b);
    }

    /** Adds an interface (a capture point) with its link type; returns its id for {@link #packet}. */
    public int addInterface(String name, LinkType linkType) throws IOException {
        byte[] nameOption = option(IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        byte[] resolution = option(IF_TSRESOL, new byte[] {9});   // nanoseconds: as precise as the inputs
        ByteBuffer b = body(8 + nameOption.length + resolution.length + 4);
        b.putShort((short) linkType.code()).putShort((short) 0).putInt(SNAP_LENGTH).put(nameOption).put(resolution).putInt(0);
        block(INTERFACE_DESCRIPTION, b);
        return interfaces++;
    }

    /** One frame seen at interface {@code id}. */
    public void packet(int id, Instant time, int originalLength, byte[] data) throws IOException {
        checkInterface(id);
        long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        ByteBuffer b = body(20 + pad(data.length) + 4);
        b.putInt(id).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(data.length)
                .putInt(Math.max(originalLength, data.length)).put(data);
        b.position(20 + pad(data.length));
        b.putInt(0);
        block(ENHANCED_PACKET, b);
    }

    /**
     * Interface statistics for {@code id}: a comment, and (when not null) what the capture received and what its
     * kernel buffer dropped (tcpdump's "dropped by kernel": the capture's own losses, not the network's).
     */
    public void statistics(int id, Instant time, Long received, Long dropped, String comment) throws IOException {
        checkInterface(id);
        long nanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        java.io.ByteArrayOutputStream options = new java.io.ByteArrayOutputStream();
        options.writeBytes(option(OPT_COMMENT, comment.getBytes(StandardCharsets.UTF_8)));
        if (received != null) options.writeBytes(option(ISB_IFRECV, le64(received)));
        if (dropped != null) options.writeBytes(option(ISB_IFDROP, le64(dropped)));
        ByteBuffer b = body(12 + options.size() + 4);
        b.putInt(id).putInt((int) (nanos >>> 32)).putInt((int) nanos).put(options.toByteArray()).putInt(0);
        block(INTERFACE_STATISTICS, b);
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    public int interfaces() {
        return interfaces;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private void checkInterface(int id) {
        if (id < 0 || id >= interfaces) throw new IllegalArgumentException("no interface " + id + " (" + interfaces + " added)");
    }

    private void block(int type, ByteBuffer body) throws IOException {
        int length = 12 + body.capacity();
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(length).put(body.array()).putInt(length);
        out.write(b.array());
    }

    private static ByteBuffer body(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** One option: code, length, the value padded to 4 bytes. */
    private static byte[] option(int code, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(4 + pad(value.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
