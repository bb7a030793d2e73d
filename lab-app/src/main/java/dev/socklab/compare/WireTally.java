package dev.socklab.compare;

import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.IpPacket;
import dev.socklab.pcap.Packet;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import dev.socklab.pcap.TcpSegment;
import dev.socklab.pcap.UdpDatagram;
import dev.socklab.udp.Datagram;
import dev.socklab.udp.LossAccounting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass over a capture for what the analyzer does not keep: of one transport to and from the server's
 * port, checksum use, the teardown's packets, where the data ends, and for UDP files the datagram numbers
 * in socklab's header, so loss and reordering are read from the capture rather than from a log.
 */
final class WireTally {
    private final int protocol;
    private final int serverPort;

    /** Packets whose checksum field is in use (UDP over IPv4 may send 0: no checksum). */
    long checksummed;
    /** The IP version of the packets (4 or 6: one run is one or the other), and their IP headers' bytes. */
    int ipVersion;
    long ipHeaderBytes;
    /** TCP: packets from the first FIN on. */
    long teardownPackets;
    Instant first;
    /** The last packet that carried data to the server: where the transfer, as opposed to its epilogue, ends. */
    Instant lastData;
    /** UDP: the numbered file datagrams of the first transfer seen, and its END. */
    LossAccounting datagrams;
    /** UDP: data bytes of the distinct numbered datagrams that arrived. */
    long datagramDataBytes;
    boolean endSeen;
    private int transferId;

    private WireTally(int protocol, int serverPort) {
        this.protocol = protocol;
        this.serverPort = serverPort;
    }

    static WireTally tcp(Path capture, int serverPort) throws IOException {
        return new WireTally(IpPacket.PROTOCOL_TCP, serverPort).read(capture);
    }

    static WireTally udp(Path capture, int serverPort) throws IOException {
        return new WireTally(IpPacket.PROTOCOL_UDP, serverPort).read(capture);
    }

    /** First packet to the last one carrying data to the server: the confirmation and teardown are not the transfer. */
    Duration duration() {
        return first == null || lastData == null ? Duration.ZERO : Duration.between(first, lastData);
    }

    private WireTally read(Path capture) throws IOException {
        try (PacketSource source = CaptureReader.open(capture)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                Frame frame = f.get();
                PacketDecoder.decode(frame).ifPresent(p -> count(frame, p));
            }
        }
        return this;
    }

    private void count(Frame frame, Packet p) {
        if (p.ip().protocol() != protocol) return;
        boolean toServer = p.destination().port() == serverPort;
        if (!toServer && p.source().port() != serverPort) return;
        if (first == null) first = p.time();
        int transportAt = p.ip().payloadOffset();
        ipVersion = p.ip().version();
        ipHeaderBytes += transportAt - PacketDecoder.ipOffset(frame).orElse(transportAt);
        switch (p.transport()) {
            case TcpSegment t -> {
                if (toServer && t.payloadLength() > 0) lastData = p.time();
                checksummed++;   // TCP's checksum is mandatory
                if (teardownPackets > 0 || t.flags().fin()) teardownPackets++;
            }
            case UdpDatagram u -> {
                if (toServer && u.payloadLength() > 0) lastData = p.time();
                if (frame.capturedLength() >= transportAt + 8 && u16(frame.data(), transportAt + 6) != 0) checksummed++;
                if (toServer) numbered(frame.data(), transportAt + 8, Math.min(u.payloadLength(), frame.capturedLength() - transportAt - 8));
            }
            default -> { }
        }
    }

    private void numbered(byte[] data, int offset, int length) {
        if (length < Datagram.HEADER_SIZE || !Datagram.hasMagic(data, offset, length)) return;
        Datagram d;
        try {
            d = Datagram.decode(data, offset, length);
        } catch (Datagram.FormatException e) {
            return;   // not one of ours, or cut by the snap length: not counted as a file datagram
        }
        if (datagrams == null) {
            datagrams = new LossAccounting(d.total());
            transferId = d.transferId();
        }
        if (d.transferId() != transferId) return;
        if (d.isEnd()) endSeen = true;
        else if (datagrams.record(d.sequence()) == LossAccounting.Arrival.NEW) datagramDataBytes += d.data().length;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
