package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.UdpFlow;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic UDP exercise: c1 (port 11000) and c2 (port 13000) send 1..100 to one server on 12000. */
@RequiresDocker
class UdpTwoClientsIT {
    private static final List<String> ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).mapToObj(String::valueOf).toList();
    private static TwoHostLab<UdpServerContainer> lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startLab() {
        lab = TwoHostLab.startUdp();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Test
    void eachClientsNumbersArriveInOrderAttributedToItsPortAndNoHandshakeIsOnTheWire() throws Exception {
        CaptureContainer capture = lab.startCapture();
        try {
            CompletableFuture<ClientContainer.Run> c1 = CompletableFuture.supplyAsync(() -> sendSequence(11000));
            CompletableFuture<ClientContainer.Run> c2 = CompletableFuture.supplyAsync(() -> sendSequence(13000));
            assertEquals(0, c1.join().exitCode(), c1.join().output());
            assertEquals(0, c2.join().exitCode(), c2.join().output());
            Thread.sleep(500);   // UDP has no end of stream: give the last datagrams time to land

            List<UdpServerContainer.Datagram> received = lab.server().received();
            for (int port : new int[] {11000, 13000}) {
                List<UdpServerContainer.Datagram> from = received.stream().filter(d -> d.port() == port).toList();
                assertEquals(ONE_TO_HUNDRED, from.stream().map(UdpServerContainer.Datagram::text).toList(),
                        "numbers from port " + port + ", in the order received");
                for (UdpServerContainer.Datagram d : from) {
                    assertTrue(lab.clientSubnet().contains(InetAddress.getByName(d.address())), d + " comes from client-net");
                }
            }

            TcpAnalysis wire = TcpAnalysis.of(capture.stopAndCopyPcap(tmp));
            assertEquals(0, wire.connections().size(), "no TCP: UDP has no handshake");
            assertEquals(2, wire.udpFlows().size(), "two UDP flows: " + wire.udpFlows());
            for (UdpFlow flow : wire.udpFlows()) {
                assertTrue(flow.initiator().port() == 11000 || flow.initiator().port() == 13000, flow.toString());
                assertEquals(lab.server().address(), flow.responder().address().getHostAddress());
                assertEquals(UdpServerContainer.PORT, flow.responder().port());
                assertEquals(100, flow.datagramsFromInitiator(), flow + ": datagrams on the wire");
                assertEquals(0, flow.datagramsFromResponder(), flow + ": print mode answers nothing");
            }
        } finally {
            capture.stop();
        }
    }

    private static ClientContainer.Run sendSequence(int bindPort) {
        return lab.client().running("udp-client", "{server}", "--port", String.valueOf(UdpServerContainer.PORT),
                "--bind-port", String.valueOf(bindPort), "--sequence", "1..100", "--interval", "10ms").run();
    }
}
