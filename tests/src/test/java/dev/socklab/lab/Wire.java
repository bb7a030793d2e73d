package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.Handshake;
import dev.socklab.pcap.HandshakeSegment;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What a capture proves about one transfer, read with socklab's own pcap reader. */
final class Wire {
    private final TcpAnalysis analysis;

    private Wire(TcpAnalysis analysis) {
        this.analysis = analysis;
    }

    static Wire of(Path pcap) throws IOException {
        return new Wire(TcpAnalysis.of(pcap));
    }

    /**
     * One connection from client to server:port, with a valid three-way handshake, exactly
     * {@code clientPayload} distinct bytes of TCP payload from the client, and an orderly FIN teardown.
     */
    TcpConnection assertTransfer(String clientAddress, String serverAddress, int port, long clientPayload) {
        List<TcpConnection> connections = analysis.connectionsTo(port);
        assertEquals(1, connections.size(), "TCP connections to port " + port + ": " + connections);
        TcpConnection c = connections.get(0);
        assertEquals(clientAddress, c.client().address().getHostAddress(), "client address (on client-net)");
        assertEquals(serverAddress, c.server().address().getHostAddress(), "server address (on server-net)");
        assertEquals(port, c.server().port());

        Handshake h = c.handshake().orElseThrow(() -> new AssertionError("no SYN captured for " + c));
        HandshakeSegment syn = h.syn();
        assertTrue(syn.flags().syn() && !syn.flags().ack(), "first segment is a bare SYN: " + syn.flags());
        HandshakeSegment synAck = h.synAck().orElseThrow(() -> new AssertionError("no SYN-ACK"));
        assertTrue(synAck.flags().syn() && synAck.flags().ack(), "SYN-ACK flags: " + synAck.flags());
        assertEquals((syn.seq() + 1) & 0xFFFFFFFFL, synAck.ack(), "SYN-ACK acknowledges client ISN + 1");
        HandshakeSegment ack = h.ack().orElseThrow(() -> new AssertionError("no ACK completing the handshake"));
        assertEquals((synAck.seq() + 1) & 0xFFFFFFFFL, ack.ack(), "ACK acknowledges server ISN + 1");
        assertEquals((syn.seq() + 1) & 0xFFFFFFFFL, ack.seq(), "ACK's seq is client ISN + 1");

        // Distinct bytes by sequence number: exact. The plain sum of segment payloads may be higher,
        // because even a clean veth path retransmits now and then (tshark agrees: [TCP Retransmission]).
        assertEquals(clientPayload, c.sequenceBytesClientToServer(), "distinct client→server TCP payload bytes");
        assertTrue(c.payloadBytesClientToServer() >= clientPayload,
                "client→server payload bytes on the wire (" + c.payloadBytesClientToServer() + ") cover the file");
        assertTrue(c.teardown().finFromClient().isPresent(), "FIN from the client: " + c.teardown().describe());
        assertTrue(c.teardown().finFromServer().isPresent(), "FIN from the server: " + c.teardown().describe());
        assertTrue(c.teardown().rstBy().isEmpty(), "no RST: " + c.teardown().describe());
        return c;
    }
}
