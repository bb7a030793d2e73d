package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.socklab.pcap.ConnectionPairing;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.tcp.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every place the server can live, run from the real docker-compose.yml as ./lab up --topology runs it:
 * the file arrives, each capture holds the handshake, the TTL counts the routers, and across the NAT the
 * server sees the gateway while the client sees the gateway's forwarded port.
 */
@RequiresDocker
class PlacementIT {
    private static final int PORT = 9898;
    private static final int NAT_PORT = 8080;

    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path runDir = LabImages.ROOT.resolve("captures").resolve(runId);
    private final Subnet serverNet = Subnet.it(211);
    private final Subnet clientNet = Subnet.it(212);
    private final Subnet natNet = Subnet.it(213);
    private ComposeLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
        FileUtils.deleteQuietly(runDir.toFile());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Topology.class)
    void fileArrivesAndBothCapturesShowTheConnectionAsSeenFromTheirSide(Topology topology) throws Exception {
        Files.createDirectories(runDir);
        lab = ComposeLab.start(addresses(), topology.profile, topology.server, topology.services());

        assertEquals(0, lab.awaitExit(topology.client, 120), "client failed:\n" + lab.logs(topology.client));
        assertEquals(0, Docker.signalAndWait(lab.containerOf(topology.serverCapture), "SIGINT", 30));
        if (topology.clientCapture != null) {
            assertEquals(0, Docker.signalAndWait(lab.containerOf(topology.clientCapture), "SIGINT", 30));
        }
        Path sample = LabImages.sample();
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(runDir.resolve("recv.txt")));
        long payload = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length
                + Files.size(sample);

        // Beside the server: the peer is the client, or the gateway that masqueraded it.
        Path serverPcap = pcap("server-");
        View atServer = serverView(topology);
        TcpConnection server = Wire.of(serverPcap).assertTransfer(atServer.client(), atServer.server(), PORT, payload);
        assertEquals(topology.ttlAtServer, server.handshake().orElseThrow().syn().ttl(),
                "TTL of the client's SYN beside the server: 64 minus one per router");

        if (topology.clientCapture == null) {
            assertNull(pcapOrNull("client-"), "same-host: one namespace, one capture");
            return;
        }
        // On the client's side: what the client connected to — the server, or the gateway's forwarded port.
        Path clientPcap = pcap("client-");
        View atClient = clientView(topology);
        TcpConnection client = Wire.of(clientPcap).assertTransfer(atClient.client(), atClient.server(), atClient.port(),
                payload);
        assertEquals(Topology.INITIAL_TTL, client.handshake().orElseThrow().syn().ttl(), "the SYN as it left the client");

        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(clientPcap), TcpAnalysis.of(serverPcap));
        assertEquals(1, pairing.pairs().size(), "one connection, seen in both captures");
        ConnectionPairing.Pair pair = pairing.pairs().get(0);
        assertEquals(ConnectionPairing.Evidence.SAME_ISNS, pair.evidence(), "a kernel NAT keeps sequence numbers");
        assertEquals(Optional.of(topology.hops), pair.hopsBetween());
        assertEquals(topology == Topology.NAT, pair.clientTranslated(), "only the NAT hides the client");
        assertEquals(topology == Topology.NAT, pair.serverTranslated(), "only the NAT forwards a port");
    }

    /** One connection's two ends as a capture shows them. */
    private record View(String client, String server, int port) {
    }

    private View serverView(Topology t) {
        return switch (t) {
            case SAME_HOST -> new View("127.0.0.1", "127.0.0.1", PORT);
            case ROUTED -> new View(clientNet.host(10), serverNet.host(10), PORT);
            case BRIDGED -> new View(clientNet.host(21), clientNet.host(20), PORT);
            // Masqueraded, like VirtualBox's NAT: the server's peer is the gateway's address on nat-net.
            case NAT -> new View(natNet.host(2), natNet.host(15), PORT);
        };
    }

    private View clientView(Topology t) {
        return switch (t) {
            case SAME_HOST, ROUTED, BRIDGED -> serverView(t);
            case NAT -> new View(clientNet.host(30), clientNet.host(253), NAT_PORT);
        };
    }

    /** The compose file's address variables, on this test's fixed subnets (the host numbers are its defaults). */
    private Map<String, String> addresses() {
        return Map.ofEntries(
                Map.entry("RUN_ID", runId),
                Map.entry("BASE_IMAGE", LabImages.BASE_IMAGE),
                Map.entry("SERVER_SUBNET", serverNet.cidr()), Map.entry("SERVER_IP", serverNet.host(10)),
                Map.entry("ROUTER_SERVER_IP", serverNet.host(254)),
                Map.entry("CLIENT_SUBNET", clientNet.cidr()), Map.entry("CLIENT_IP", clientNet.host(10)),
                Map.entry("ROUTER_CLIENT_IP", clientNet.host(254)),
                Map.entry("BRIDGED_SERVER_IP", clientNet.host(20)), Map.entry("BRIDGED_CLIENT_IP", clientNet.host(21)),
                Map.entry("GATEWAY_IP", clientNet.host(253)), Map.entry("NAT_CLIENT_IP", clientNet.host(30)),
                Map.entry("NAT_SUBNET", natNet.cidr()), Map.entry("NAT_GATEWAY_IP", natNet.host(2)),
                Map.entry("NAT_SERVER_IP", natNet.host(15)), Map.entry("NAT_PORT", String.valueOf(NAT_PORT)));
    }

    private Path pcap(String prefix) throws IOException {
        Path p = pcapOrNull(prefix);
        if (p == null) throw new AssertionError("no " + prefix + "*.pcap in " + runDir);
        return p;
    }

    private Path pcapOrNull(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(runDir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            if (found.size() > 1) throw new AssertionError("several " + prefix + "*.pcap: " + found);
            return found.isEmpty() ? null : found.get(0);
        }
    }
}
