package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.socklab.tcp.Protocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic exercise across the router, default protocol: the file arrives intact and the wire shows it. */
@RequiresDocker
class TcpTransferIT {
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
    void sampleTextArrivesByteForByteAndTheCaptureHoldsTheHandshake() throws Exception {
        sendAndVerify(LabImages.sample());
    }

    @Test
    void severalMebibytesOfBinaryArriveByteForByte() throws Exception {
        byte[] data = new byte[6 * 1024 * 1024 + 12_345];   // not a multiple of any buffer size
        new Random(42).nextBytes(data);
        Path file = Files.write(tmp.resolve("random.bin"), data);
        sendAndVerify(file);
    }

    private void sendAndVerify(Path file) throws Exception {
        CaptureContainer capture = lab.startCapture();
        try {
            ClientContainer.Run run = lab.client().sending(file).run();
            assertEquals(0, run.exitCode(), "client failed:\n" + run.output());

            assertArrayEquals(Files.readAllBytes(file), lab.server().received(), "recv.txt differs from what was sent");
            assertEquals(java.util.List.of("recv.txt"), lab.server().outputFolder(), "nothing but recv.txt is left");

            Path pcap = capture.stopAndCopyPcap(tmp);
            // What crossed the wire from the client: the greeting line, then the file.
            long greeting = Protocol.clientHello(Files.size(file), ClientContainer.FILE_IN_CONTAINER_NAME)
                    .getBytes(StandardCharsets.UTF_8).length;
            Wire.of(pcap).assertTransfer(run.address(), lab.server().address(), lab.server().port(),
                    greeting + Files.size(file));
        } finally {
            capture.stop();
        }
    }
}
