package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.socklab.pcap.DirectionStats;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Our analyzer and Wireshark read the same capture and must agree: the same TCP connections and
 * UDP flows, packets and bytes each way, handshake, teardown, and retransmissions, duplicate ACKs,
 * zero windows and out-of-order segments each way. Every capture an integration test makes is
 * checked ({@link CaptureContainer#stopAndCopyPcap}).
 */
final class WiresharkAgreement {
    private WiresharkAgreement() {
    }

    /** Analyses {@code capture} both ways and fails on the first disagreement; returns our analysis. */
    static TcpAnalysis assertAgrees(Path capture) throws IOException, InterruptedException {
        TcpAnalysis ours = TcpAnalysis.of(capture);
        Tshark tshark = Tshark.read(capture);
        String file = capture.getFileName().toString();

        List<Tshark.Stream> streams = tshark.tcpStreams();
        assertEquals(streams.size(), ours.connections().size(),
                file + ": TCP connections, tshark " + streams + " vs ours " + ours.connections());
        for (int i = 0; i < streams.size(); i++) {
            Tshark.Stream s = streams.get(i);
            TcpConnection c = ours.connections().get(i);
            String what = file + ", " + c + " (tshark stream " + i + ", " + s + ")";
            assertSame(what + " client→server", s.from(c.client().toString()), c.fromClient());
            assertSame(what + " server→client", s.from(c.server().toString()), c.fromServer());
            Tshark.Direction client = s.from(c.client().toString());
            Tshark.Direction server = s.from(c.server().toString());
            boolean tsharkHandshake = client.syn && server.synAck && client.frames >= 2;
            assertEquals(tsharkHandshake, c.handshake().isPresent() && c.handshake().get().synAck().isPresent()
                    && c.handshake().get().ack().isPresent(), what + ": handshake (SYN, SYN-ACK, ACK) present");
            assertEquals(client.fin, c.teardown().finFromClient().isPresent(), what + ": FIN from the client");
            assertEquals(server.fin, c.teardown().finFromServer().isPresent(), what + ": FIN from the server");
            assertEquals(client.rst, c.teardown().rst(dev.socklab.pcap.Side.CLIENT).isPresent(), what + ": RST from the client");
            assertEquals(server.rst, c.teardown().rst(dev.socklab.pcap.Side.SERVER).isPresent(), what + ": RST from the server");
        }

        List<Tshark.Stream> udp = tshark.udpStreams();
        assertEquals(udp.size(), ours.udpFlows().size(), file + ": UDP flows, tshark " + udp + " vs ours " + ours.udpFlows());
        for (int i = 0; i < udp.size(); i++) {
            Tshark.Stream s = udp.get(i);
            UdpFlow f = ours.udpFlows().get(i);
            Tshark.Direction forward = s.from(f.initiator().toString());
            Tshark.Direction back = s.from(f.responder().toString());
            String what = file + ", " + f + " (tshark udp stream " + i + ")";
            assertEquals(forward.frames, f.datagramsFromInitiator(), what + ": datagrams from the initiator");
            assertEquals(forward.bytes, f.frameBytesFromInitiator(), what + ": bytes from the initiator");
            assertEquals(back.frames, f.datagramsFromResponder(), what + ": datagrams from the responder");
            assertEquals(back.bytes, f.frameBytesFromResponder(), what + ": bytes from the responder");
        }
        return ours;
    }

    private static void assertSame(String what, Tshark.Direction tshark, DirectionStats ours) {
        assertEquals(tshark.frames, ours.packets(), what + ": packets (tshark: " + tshark + ")");
        assertEquals(tshark.bytes, ours.frameBytes(), what + ": bytes (tshark: " + tshark + ")");
        assertEquals(tshark.retransmissions, ours.expert().retransmissions(), what + ": retransmissions (tshark: " + tshark + ")");
        assertEquals(tshark.duplicateAcks, ours.expert().duplicateAcks(), what + ": duplicate ACKs (tshark: " + tshark + ")");
        assertEquals(tshark.zeroWindows, ours.expert().zeroWindows(), what + ": zero windows (tshark: " + tshark + ")");
        assertEquals(tshark.outOfOrder, ours.expert().outOfOrder(), what + ": out-of-order (tshark: " + tshark + ")");
    }
}
