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
    private final String runId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path runDir = LabImages.ROOT.resolve("captures").resolve(runId);
    private ComposeLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
        FileUtils.deleteQuietly(runDir.toFile());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Placement.class)
    void fileArrivesAndBothCapturesShowTheConnectionAsSeenFromTheirSide(Placement topology) throws Exception {
        run(topology, false);
    }

    /** The same over IPv6 (each lab's IPv6 variant): the hop limit counts the routers as the TTL does; NAT is NAT66. */
    @ParameterizedTest(name = "{0} over IPv6")
    @EnumSource(Placement.class)
    void overIpv6TooTheFileArrivesAndTheCapturesAgree(Placement topology) throws Exception {
        run(topology, true);
    }

    private void run(Placement topology, boolean ipv6) throws Exception {
        Files.createDirectories(runDir);
        lab = ComposeLab.start(topology.file(ipv6), Map.of("RUN_ID", runId));

        assertEquals(0, lab.awaitExit("client", 120), "client failed:\n" + lab.logs("client"));
        assertEquals(0, Engine.signalAndWait(lab.containerOf("capture"), "SIGINT", 30));
        if (topology.capturesClientSide()) {
            assertEquals(0, Engine.signalAndWait(lab.containerOf("client-capture"), "SIGINT", 30));
        }
        Path sample = LabImages.sample();
        assertArrayEquals(Files.readAllBytes(sample), Files.readAllBytes(runDir.resolve("recv.txt")));
        long payload = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length
                + Files.size(sample);

        // Beside the server: the peer is the client, or the gateway that masqueraded it.
        Path serverPcap = pcap("server-");
        Placement.View atServer = topology.atServer(lab.plan(), ipv6);
        TcpConnection server = Wire.of(serverPcap).assertTransfer(java(atServer.client()), java(atServer.server()), atServer.port(), payload);
        assertEquals(topology.ttlAtServer, server.handshake().orElseThrow().syn().ttl(),
                "TTL of the client's SYN beside the server: 64 minus one per router");

        if (!topology.capturesClientSide()) {
            assertNull(pcapOrNull("client-"), "same-host: one namespace, one capture");
            return;
        }
        // On the client's side: what the client connected to — the server, or the gateway's forwarded port.
        Path clientPcap = pcap("client-");
        Placement.View atClient = topology.atClient(lab.plan(), ipv6);
        TcpConnection client = Wire.of(clientPcap).assertTransfer(java(atClient.client()), java(atClient.server()), atClient.port(),
                payload);
        assertEquals(Placement.INITIAL_TTL, client.handshake().orElseThrow().syn().ttl(), "the SYN as it left the client");

        ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(clientPcap), TcpAnalysis.of(serverPcap));
        assertEquals(1, pairing.pairs().size(), "one connection, seen in both captures");
        ConnectionPairing.Pair pair = pairing.pairs().get(0);
        assertEquals(ConnectionPairing.Evidence.SAME_ISNS, pair.evidence(), "a kernel NAT keeps sequence numbers");
        assertEquals(Optional.of(topology.hops), pair.hopsBetween());
        assertEquals(topology == Placement.NAT, pair.clientTranslated(), "only the NAT hides the client");
        assertEquals(topology == Placement.NAT, pair.serverTranslated(), "only the NAT forwards a port");
    }

    /** An address as Wire compares it (Java's spelling: fd00:10:61:1:0:0:0:10). */
    private static String java(String address) throws IOException {
        return java.net.InetAddress.getByName(address).getHostAddress();
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
