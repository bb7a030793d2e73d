package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socklab.pcap.ConnectionPairing;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import dev.socklab.tcp.Protocol;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * ./lab over IPv6, as a user runs it: the classic lab routed and on one host, the UDP exercise, and ./lab check
 * with AF_INET6 programs. Each run is judged from its captures, by our analyzer and by tshark alike: IPv6
 * addresses from the one address plan, the hop limit one less past the router, both clients told apart.
 */
@RequiresDocker
class Ipv6LabIT {

    @Test
    void theLabAndItsExercisesRunOverIpv6() throws Exception {
        LabCli cli = new LabCli("ipv6");
        List<String> runs = new ArrayList<>();
        try (FreeNet.Claim net = TestNet.claim()) {
            cli.with("LAB_NET", net.plan().net());
            AddressPlan plan = net.plan();
            Path sample = LabImages.sample();
            long payload = Protocol.clientHello(Files.size(sample), "sample.txt").getBytes(StandardCharsets.UTF_8).length
                    + Files.size(sample);

            // Routed: the client's SYN leaves with hop limit 64 and reaches the server with 63.
            JsonNode routed = up(cli, runs, "up", "--ipv6", "--json");
            Path dir = Path.of(routed.path("dir").asText());
            assertEquals(Files.readString(sample), Files.readString(dir.resolve("recv.txt")));
            Path serverPcap = dir.resolve(routed.path("server_pcap").asText());
            Path clientPcap = dir.resolve(routed.path("client_pcap").asText());
            Placement.View v = Placement.ROUTED.atServer(plan, true);
            TcpConnection atServer = Wire.of(serverPcap).assertTransfer(java(v.client()), java(v.server()), v.port(), payload);
            assertTrue(atServer.client().address() instanceof Inet6Address, atServer.toString());
            assertEquals(63, atServer.handshake().orElseThrow().syn().ttl(), "hop limit of the SYN beside the server");
            TcpConnection atClient = Wire.of(clientPcap).assertTransfer(java(v.client()), java(v.server()), v.port(), payload);
            assertEquals(64, atClient.handshake().orElseThrow().syn().ttl(), "hop limit of the SYN as it left the client");
            ConnectionPairing pairing = ConnectionPairing.of(TcpAnalysis.of(clientPcap), TcpAnalysis.of(serverPcap));
            assertEquals(1, pairing.pairs().size());
            assertEquals(Optional.of(1), pairing.pairs().get(0).hopsBetween());
            // Wireshark reads the same IPv6 captures as our analyzer does.
            WiresharkAgreement.assertAgrees(serverPcap);
            WiresharkAgreement.assertAgrees(clientPcap);

            // Same host: ::1 to ::1, one capture, no router.
            JsonNode same = up(cli, runs, "up", "--topology", "same-host", "--ipv6", "--json");
            Path samePcap = Path.of(same.path("dir").asText()).resolve(same.path("server_pcap").asText());
            TcpConnection loop = Wire.of(samePcap).assertTransfer(java("::1"), java("::1"), Labs.TCP_PORT, payload);
            assertEquals(64, loop.handshake().orElseThrow().syn().ttl());
            WiresharkAgreement.assertAgrees(samePcap);

            // The UDP exercise: c1 and c2 from one IPv6 address, told apart by their ports.
            JsonNode udp = up(cli, runs, "up", "udp", "--ipv6", "--json");
            assertEquals(100, udp.path("datagrams_by_client_port").path("11000").asInt(), udp.toString());
            assertEquals(100, udp.path("datagrams_by_client_port").path("13000").asInt(), udp.toString());
            Path udpDir = Path.of(udp.path("dir").asText());
            Path udpPcap;
            try (var files = Files.list(udpDir)) {
                udpPcap = files.filter(f -> f.getFileName().toString().matches("server-.*\\.pcap")).findFirst().orElseThrow();
            }
            TcpAnalysis flows = WiresharkAgreement.assertAgrees(udpPcap);
            InetAddress client = InetAddress.getByName(plan.address6(AddressPlan.Network.CLIENT_NET, Labs.CLIENT));
            assertEquals(List.of(11000, 13000), flows.udpFlows().stream().map(UdpFlow::initiator)
                    .filter(e -> e.address().equals(client)).map(e -> e.port()).sorted().toList(), flows.udpFlows().toString());
        } finally {
            cli.run("down");
            runs.forEach(r -> FileUtils.deleteQuietly(LabImages.ROOT.resolve("captures").resolve(r).toFile()));
        }
        assertEquals(List.of(), cli.leftovers(), "nothing of the lab is left after down");
    }

    @Test
    void checkPassesAnAfInet6ServerAndClient() throws Exception {
        try (LabCheck lab = new LabCheck()) {
            LabCheck.Result r = lab.run("tcp-ipv6", "--ipv6", "--server", "python3 server.py", "--client", "python3 client.py {server_ip}");
            assertEquals(0, r.exitCode(), r.toString());
            for (String id : new String[] {"listening", "handshake", "greeting", "file", "teardown", "second-client", "client-exit"}) {
                assertEquals("pass", r.verdict(id), id + "\n" + r);
            }
            assertTrue(r.output().contains("python3 client.py fd00:"), "{server_ip} is the server's IPv6 address:\n" + r);
            assertTrue(r.referencePassed(), "socklab's own programs over IPv6 too:\n" + r);
        }
    }

    private static JsonNode up(LabCli cli, List<String> runs, String... args) throws Exception {
        LabCli.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode j = r.json();
        runs.add(j.path("run").asText());
        assertTrue(j.path("ok").asBoolean(), r.toString());
        return j;
    }

    /** An address as Java prints it (fd00:10:61:1:0:0:0:10), which is how Wire compares. */
    private static String java(String address) throws Exception {
        return InetAddress.getByName(address).getHostAddress();
    }
}
