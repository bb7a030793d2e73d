package dev.socklab.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: writes a classic pcap (raw IPv4, link type 101) of packets made up here, for captures no
 * small fixture holds: long transfers to fold, connections joined mid-stream. Only the headers are
 * stored; each packet's length is in its IP header, as when tcpdump runs with a snap length.
 */
final class SyntheticCapture {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    static final byte[] CLIENT = {10, 0, 2, 10};
    static final byte[] SERVER = {10, 0, 1, 10};
    static final int CLIENT_PORT = 40000;
    static final int SERVER_PORT = 9898;

    private final List<byte[]> packets = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private long micros = 1_700_000_000_000_000L;

    /** A TCP segment between the client and the server, one millisecond after the previous packet. */
    SyntheticCapture tcp(boolean fromClient, int flags, long seq, long ack, int payload) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.BIG_ENDIAN);
        ipHeader(b, 6, 20 + payload, fromClient);
        b.putShort((short) (fromClient ? CLIENT_PORT : SERVER_PORT)).putShort((short) (fromClient ? SERVER_PORT : CLIENT_PORT))
                .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0);
        return add(b.array());
    }

    /** A UDP datagram between the client and the server. */
    SyntheticCapture udp(boolean fromClient, int payload) {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.BIG_ENDIAN);
        ipHeader(b, 17, 8 + payload, fromClient);
        b.putShort((short) (fromClient ? CLIENT_PORT : SERVER_PORT)).putShort((short) (fromClient ? SERVER_PORT : CLIENT_PORT))
                .putShort((short) (8 + payload)).putShort((short) 0);
        return add(b.array());
    }

    /**
     * A whole connection: handshake, {@code segments} data segments of {@code size} bytes from the client,
     * each acknowledged by the server, then FIN from each side and the last ACK.
     */
    SyntheticCapture transfer(long clientIsn, long serverIsn, int segments, int size) {
        tcp(true, SYN, clientIsn, 0, 0);
        tcp(false, SYN | ACK, serverIsn, clientIsn + 1, 0);
        tcp(true, ACK, clientIsn + 1, serverIsn + 1, 0);
        long seq = clientIsn + 1;
        for (int i = 0; i < segments; i++) {
            tcp(true, PSH | ACK, seq, serverIsn + 1, size);
            seq += size;
            tcp(false, ACK, serverIsn + 1, seq, 0);
        }
        tcp(true, FIN | ACK, seq, serverIsn + 1, 0);
        tcp(false, FIN | ACK, serverIsn + 1, seq + 1, 0);
        tcp(true, ACK, seq + 1, serverIsn + 2, 0);
        return this;
    }

    int size() {
        return packets.size();
    }

    Path write(Path file) throws IOException {
        int bytes = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            int wire = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
            long t = times.get(i);
            out.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(p.length).putInt(wire).put(p);
        }
        Files.write(file, out.array());
        return file;
    }

    private static void ipHeader(ByteBuffer b, int protocol, int transportLength, boolean fromClient) {
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transportLength)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(fromClient ? CLIENT : SERVER).put(fromClient ? SERVER : CLIENT);
    }

    private SyntheticCapture add(byte[] packet) {
        packets.add(packet);
        times.add(micros);
        micros += 1000;
        return this;
    }
}
