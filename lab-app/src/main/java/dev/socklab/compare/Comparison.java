package dev.socklab.compare;

import dev.socklab.pcap.ExpertCounts;
import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.Side;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import dev.socklab.report.Durations;
import dev.socklab.tcp.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The same payload sent over TCP and over UDP across the same router: what each capture and each
 * received file show, side by side.
 *
 * @param lossPercent the router's random loss, null when none was set
 * @param rate        the router's rate limit (e.g. 10mbit), null when none was set
 */
public record Comparison(String sentFile, long sentBytes, String sentSha256, Double lossPercent, String rate,
                         TransportRun tcp, TransportRun udp) {

    /** Where one transport's evidence is: its capture, the file its server saved (may be missing), its port. */
    public record Evidence(Path capture, Path received, int serverPort) {
    }

    public static Comparison of(Path sent, Evidence tcp, Evidence udp, Double lossPercent, String rate) throws IOException {
        long size = Files.size(sent);
        String sha = Sha256.ofFile(sent);
        return new Comparison(sent.getFileName().toString(), size, sha, lossPercent, rate,
                tcpRun(tcp, size, sha), udpRun(udp, size, sha));
    }

    /** TCP's side alone: what its capture and its received file show of {@code sent}. */
    public static TransportRun tcp(Path sent, Evidence e) throws IOException {
        return tcpRun(e, Files.size(sent), Sha256.ofFile(sent));
    }

    /** UDP's side alone: what its capture and its received file show of {@code sent}. */
    public static TransportRun udp(Path sent, Evidence e) throws IOException {
        return udpRun(e, Files.size(sent), Sha256.ofFile(sent));
    }

    private static TransportRun tcpRun(Evidence e, long size, String sha) throws IOException {
        List<TcpConnection> connections = TcpAnalysis.of(e.capture()).connectionsTo(e.serverPort());
        if (connections.isEmpty()) {
            throw new CompareException("no TCP connection to port " + e.serverPort() + " in " + e.capture());
        }
        TcpConnection c = connections.get(0);
        WireTally wire = WireTally.tcp(e.capture(), e.serverPort());
        long delivered = intactBytes(e.received(), sha);
        Optional<Duration> setup = c.handshake().filter(Handshake::isComplete)
                .map(h -> Duration.between(h.syn().time(), h.ack().map(HandshakeSegment::time).orElseThrow()));
        long setupPackets = setup.isPresent() ? 3 : 0;
        double millis = millis(wire.duration());
        // Distinct bytes the client's data used of its sequence space: SYN and FIN take one each.
        long data = c.sequenceBytesClientToServer() - (c.handshake().isPresent() ? 1 : 0)
                - (c.teardown().fin(Side.CLIENT).isPresent() ? 1 : 0);
        ExpertCounts up = c.fromClient().expert();
        ExpertCounts down = c.fromServer().expert();
        return new TransportRun("TCP", c.packets(), c.packetsClientToServer(), c.packetsServerToClient(),
                c.fromClient().frameBytes() + c.fromServer().frameBytes(),
                c.payloadBytesClientToServer() + c.payloadBytesServerToClient(), Math.max(0, data), size, delivered,
                delivered == size, wire.checksummed, setupPackets, setup.map(Comparison::millis).orElse(null),
                wire.teardownPackets, c.teardown().describe(),
                c.retransmissions(), up.duplicateAcks() + down.duplicateAcks(), up.zeroWindows() + down.zeroWindows(),
                up.outOfOrder() + down.outOfOrder(),
                null, null, null, null, null,
                millis, TransportRun.mbps(delivered, millis), wire.ipVersion, wire.ipHeaderBytes);
    }

    private static TransportRun udpRun(Evidence e, long size, String sha) throws IOException {
        List<UdpFlow> flows = TcpAnalysis.of(e.capture()).udpFlows().stream()
                .filter(f -> f.responder().port() == e.serverPort()).toList();
        WireTally wire = WireTally.udp(e.capture(), e.serverPort());
        if (flows.isEmpty() || wire.datagrams == null) {
            throw new CompareException("no socklab file datagrams to port " + e.serverPort() + " in " + e.capture());
        }
        UdpFlow f = flows.get(0);
        long delivered = intactBytes(e.received(), sha);
        double millis = millis(wire.duration());
        var d = wire.datagrams;
        return new TransportRun("UDP", f.datagrams(), f.datagramsFromInitiator(), f.datagramsFromResponder(),
                f.frameBytesFromInitiator() + f.frameBytesFromResponder(), f.payloadBytes(), wire.datagramDataBytes,
                size, delivered, delivered == size, wire.checksummed,
                0, null, 0, "none: UDP has no connection to close",
                null, null, null, null,
                d.total(), d.received(), d.lost(), d.outOfOrder(), d.duplicated(),
                millis, TransportRun.mbps(delivered, millis), wire.ipVersion, wire.ipHeaderBytes);
    }

    /** The file's size when its SHA-256 matches what was sent, else 0: a damaged or partial file delivers nothing. */
    private static long intactBytes(Path received, String sha) throws IOException {
        if (received == null || !Files.isRegularFile(received)) return 0;
        return Sha256.ofFile(received).equals(sha) ? Files.size(received) : 0;
    }

    private static double millis(Duration d) {
        return Durations.millis(d).doubleValue();
    }
}
