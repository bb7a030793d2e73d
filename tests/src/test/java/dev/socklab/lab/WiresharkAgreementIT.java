package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transfer that loses packets: tshark and our analyzer count the same retransmissions, in pcap and in pcapng. */
@RequiresDocker
class WiresharkAgreementIT {
    /** Every 20th data segment (5 %): every run retransmits, and the transfer stays quick. */
    private static final int DROP_EVERY = 20;
    private static TwoHostLab<ServerContainer> lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startLab() {
        lab = TwoHostLab.start();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Test
    void lossyTransferCountsTheSameRetransmissionsAsWireshark() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(4).nextBytes(data);
        Path file = Files.write(tmp.resolve("lossy.bin"), data);
        CaptureContainer capture = lab.startCapture().dropArriving(ServerContainer.PORT, DROP_EVERY);
        Path pcap;
        try {
            ClientContainer.Run run = lab.client().sending(file).run();
            assertEquals(0, run.exitCode(), "TCP recovers what was lost:\n" + run.output());
            assertArrayEquals(data, lab.server().received(), "recv.txt differs from what was sent");
            assertTrue(capture.droppedArriving() > 0, "iptables dropped segments arriving at the server");
            capture.stopDropping();
            pcap = capture.stopAndCopyPcap(tmp);   // checks agreement with tshark
        } finally {
            capture.stop();
        }
        TcpAnalysis ours = TcpAnalysis.of(pcap);
        TcpConnection c = ours.connectionsTo(ServerContainer.PORT).getFirst();
        assertTrue(c.fromClient().expert().retransmissions() > 0, "the client retransmitted what was lost: " + c.fromClient());
        // Duplicate ACKs depend on what was in flight when a segment vanished (a timeout may repair it first), so
        // their count is held to tshark's by the agreement check above, and to fixed numbers by tcp-lossy.pcap's unit test.

        // The same capture as Wireshark saves it: pcapng, converted by Wireshark's own editcap.
        Path pcapng = tmp.resolve("lossy.pcapng");
        Process editcap = new ProcessBuilder("editcap", "-F", "pcapng", pcap.toString(), pcapng.toString())
                .redirectErrorStream(true).start();
        assertTrue(editcap.waitFor(2, TimeUnit.MINUTES) && editcap.exitValue() == 0,
                "editcap failed: " + new String(editcap.getInputStream().readAllBytes()));
        TcpAnalysis fromPcapng = WiresharkAgreement.assertAgrees(pcapng);
        assertEquals(ours.connections().size(), fromPcapng.connections().size());
        TcpConnection d = fromPcapng.connectionsTo(ServerContainer.PORT).getFirst();
        assertEquals(c.fromClient(), d.fromClient(), "client→server, pcap vs pcapng");
        assertEquals(c.fromServer(), d.fromServer(), "server→client, pcap vs pcapng");
        assertEquals(c.handshakeRtt(), d.handshakeRtt(), "handshake RTT, pcap vs pcapng");
    }
}
