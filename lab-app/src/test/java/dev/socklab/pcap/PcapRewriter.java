package dev.socklab.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: derives capture variants tcpdump on this machine cannot produce directly, by
 * rewriting the headers of a real little-endian capture. Packet contents stay as captured.
 */
public final class PcapRewriter {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final byte[] fileHeader;
    private final List<byte[]> recordHeaders = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();

    /** Parses a little-endian classic pcap (what tcpdump writes on x86). */
    public PcapRewriter(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xA1B2C3D4 && b.getInt(0) != 0xA1B23C4D) {
            throw new IllegalArgumentException("not a little-endian pcap");
        }
        fileHeader = Arrays.copyOf(pcap, FILE_HEADER);
        int at = FILE_HEADER;
        while (at < pcap.length) {
            byte[] rh = Arrays.copyOfRange(pcap, at, at + RECORD_HEADER);
            int length = ByteBuffer.wrap(rh).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
            recordHeaders.add(rh);
            frames.add(Arrays.copyOfRange(pcap, at + RECORD_HEADER, at + RECORD_HEADER + length));
            at += RECORD_HEADER + length;
        }
    }

    /** The same capture written big-endian, as a SPARC or PowerPC host's tcpdump would. */
    byte[] bigEndian() {
        ByteBuffer out = ByteBuffer.allocate(size()).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer h = ByteBuffer.wrap(fileHeader).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(h.getInt(0)).putShort(h.getShort(4)).putShort(h.getShort(6))
                .putInt(h.getInt(8)).putInt(h.getInt(12)).putInt(h.getInt(16)).putInt(h.getInt(20));
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer r = ByteBuffer.wrap(recordHeaders.get(i)).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(r.getInt(0)).putInt(r.getInt(4)).putInt(r.getInt(8)).putInt(r.getInt(12));
            out.put(frames.get(i));
        }
        return out.array();
    }

    /** Inserts an 802.1Q tag (VLAN {@code vlanId}) into every Ethernet frame: the lab has no VLAN device. */
    PcapRewriter withVlanTag(int vlanId) {
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            byte[] tagged = new byte[f.length + 4];
            System.arraycopy(f, 0, tagged, 0, 12);
            tagged[12] = (byte) 0x81;
            tagged[13] = 0x00;
            tagged[14] = (byte) ((vlanId >> 8) & 0x0F);
            tagged[15] = (byte) vlanId;
            System.arraycopy(f, 12, tagged, 16, f.length - 12);
            frames.set(i, tagged);
            adjustLengths(i, +4);
        }
        return this;
    }

    /** Drops the 14-byte Ethernet header of every frame and declares {@code linkType} (101, 228, 229). */
    PcapRewriter withoutEthernet(int linkType) {
        for (int i = 0; i < frames.size(); i++) {
            frames.set(i, Arrays.copyOfRange(frames.get(i), 14, frames.get(i).length));
            adjustLengths(i, -14);
        }
        ByteBuffer.wrap(fileHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(20, linkType);
        return this;
    }

    /**
     * Pads every frame with zero bytes up to {@code length}, as Ethernet pads short frames to 60 bytes:
     * the padding is captured but is not payload.
     */
    PcapRewriter paddedTo(int length) {
        for (int i = 0; i < frames.size(); i++) {
            int extra = length - frames.get(i).length;
            if (extra <= 0) continue;
            frames.set(i, Arrays.copyOf(frames.get(i), length));
            adjustLengths(i, extra);
        }
        return this;
    }

    /**
     * Puts an empty 8-byte Destination Options extension header between the IPv6 header and TCP in
     * every Ethernet/IPv6 frame, so the decoder has to step over it.
     */
    PcapRewriter withIpv6DestinationOptions() {
        int ip = 14;
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            byte[] out = new byte[f.length + 8];
            System.arraycopy(f, 0, out, 0, ip + 40);
            int next = f[ip + 6] & 0xFF;
            out[ip + 6] = 60;  // next header: destination options
            int payload = (((f[ip + 4] & 0xFF) << 8) | (f[ip + 5] & 0xFF)) + 8;
            out[ip + 4] = (byte) (payload >> 8);
            out[ip + 5] = (byte) payload;
            out[ip + 40] = (byte) next;  // the option header's own next header
            out[ip + 41] = 0;            // length in 8-byte units beyond the first
            out[ip + 42] = 1;            // PadN option filling the remaining 6 bytes
            out[ip + 43] = 4;
            System.arraycopy(f, ip + 40, out, ip + 48, f.length - ip - 40);
            frames.set(i, out);
            adjustLengths(i, +8);
        }
        return this;
    }

    /**
     * Gives the two ends of every Ethernet/IPv6 TCP frame other addresses: {@code server} for the end on
     * {@code serverPort}, {@code client} for the other, so a loopback capture ({@code ::1} both ways) shows
     * long global addresses. Checksums are left as they were (the reader ignores them).
     */
    public PcapRewriter withIpv6Addresses(int serverPort, byte[] client, byte[] server) {
        int ip = 14;
        for (byte[] f : frames) {
            ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
            if (f.length < ip + 44 || b.getShort(12) != (short) 0x86DD || (f[ip + 6] & 0xFF) != 6) continue;
            boolean fromServer = (b.getShort(ip + 40) & 0xFFFF) == serverPort;
            System.arraycopy(fromServer ? server : client, 0, f, ip + 8, 16);
            System.arraycopy(fromServer ? client : server, 0, f, ip + 24, 16);
        }
        return this;
    }

    /** Appends a copy of frame {@code number} (1-based) right after it: a retransmission as seen on the wire. */
    PcapRewriter duplicateFrame(int number) {
        recordHeaders.add(number, recordHeaders.get(number - 1).clone());
        frames.add(number, frames.get(number - 1).clone());
        return this;
    }

    /**
     * Adds {@code delta} to the sequence numbers {@code port} sends and to the acknowledgements it
     * receives, in every Ethernet/IPv4 TCP frame: the same exchange with another ISN on that side, as a
     * proxy that re-opens the connection would send it. Checksums are left as they were (the reader ignores them).
     */
    PcapRewriter withSequenceShift(int port, long delta) {
        for (byte[] f : frames) {
            ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
            if (f.length < 14 + 20 || b.getShort(12) != 0x0800 || (f[14 + 9] & 0xFF) != 6) continue;
            int tcp = 14 + (f[14] & 0x0F) * 4;
            if (f.length < tcp + 20) continue;
            if ((b.getShort(tcp) & 0xFFFF) == port) b.putInt(tcp + 4, (int) (b.getInt(tcp + 4) + delta));
            boolean ack = (f[tcp + 13] & 0x10) != 0;
            if ((b.getShort(tcp + 2) & 0xFFFF) == port && ack) b.putInt(tcp + 8, (int) (b.getInt(tcp + 8) + delta));
        }
        return this;
    }

    /** Removes the first {@code count} frames: a capture that started after the handshake. */
    PcapRewriter dropFirstFrames(int count) {
        recordHeaders.subList(0, count).clear();
        frames.subList(0, count).clear();
        return this;
    }

    /** Byte offset of frame {@code number}'s record header (1-based) in {@link #bytes()}. */
    int recordOffset(int number) {
        int at = FILE_HEADER;
        for (int i = 0; i < number - 1; i++) at += RECORD_HEADER + frames.get(i).length;
        return at;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size());
        out.writeBytes(fileHeader);
        for (int i = 0; i < frames.size(); i++) {
            out.writeBytes(recordHeaders.get(i));
            out.writeBytes(frames.get(i));
        }
        return out.toByteArray();
    }

    private void adjustLengths(int i, int delta) {
        ByteBuffer r = ByteBuffer.wrap(recordHeaders.get(i)).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(8, r.getInt(8) + delta);
        r.putInt(12, r.getInt(12) + delta);
    }

    private int size() {
        int size = FILE_HEADER;
        for (byte[] f : frames) size += RECORD_HEADER + f.length;
        return size;
    }
}
