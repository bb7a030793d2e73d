package dev.socklab.pcap;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Writes the classic libpcap format, as {@code tcpdump -w} does, with nanosecond timestamps (magic a1b23c4d):
 * one link type for the whole file, a record per frame. A run's per-point capture cut from the lab's recording.
 * The caller owns the stream.
 */
public final class PcapWriter implements Flushable {
    private static final int MAGIC_NANOS = 0xA1B23C4D;

    private final OutputStream out;

    public PcapWriter(OutputStream out, LinkType linkType) throws IOException {
        this.out = out;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(MAGIC_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(PcapngWriter.SNAP_LENGTH).putInt(linkType.code());
        out.write(h.array());
    }

    public void packet(Instant time, int originalLength, byte[] data) throws IOException {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) time.getEpochSecond()).putInt(time.getNano()).putInt(data.length).putInt(Math.max(originalLength, data.length));
        out.write(r.array());
        out.write(data);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
