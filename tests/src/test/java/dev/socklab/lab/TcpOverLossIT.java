package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP across a router that drops 5 % of what it forwards: the file still arrives intact, paid for in segments sent again. */
@RequiresDocker
class TcpOverLossIT {
    @TempDir
    Path tmp;

    @Test
    void underFivePercentLossTheFileArrivesIdenticalAndTheCaptureShowsRetransmissions() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024 + 4321];   // ~200 data segments: at 5 % some are surely lost
        new Random(5).nextBytes(data);
        Path file = Files.write(tmp.resolve("random.bin"), data);
        try (TwoHostLab<ServerContainer> lab = TwoHostLab.start()) {
            lab.router().impair("--loss", "5");
            CaptureContainer capture = lab.startCapture();
            try {
                ClientContainer.Run run = lab.client().sending(file).run();
                assertEquals(0, run.exitCode(), "client failed:\n" + run.output());
                assertArrayEquals(data, lab.server().received(), "recv.txt differs from what was sent");

                assertTrue(lab.router().dropped() > 0, "the router dropped packets: " + lab.router().impair());
                // stopAndCopyPcap also has tshark check our counts, retransmissions included.
                TcpConnection c = TcpAnalysis.of(capture.stopAndCopyPcap(tmp)).connectionsTo(lab.server().port()).getFirst();
                // At the receiver a resend that fills its gap at once is out-of-order to Wireshark: both are repairs.
                assertTrue(c.segmentsSentAgain() > 0, "segments sent again in the capture: " + c.segmentsSentAgain()
                        + " (retransmissions " + c.retransmissions() + ")");
                assertTrue(c.hasCompleteHandshake());
            } finally {
                capture.stop();
            }
        }
    }
}
