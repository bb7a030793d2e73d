package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw mode, the simplest classroom program: only the file's bytes cross the wire, then FIN. */
@RequiresDocker
class RawModeIT {
    private static TwoHostLab<ServerContainer> lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startLab() {
        lab = TwoHostLab.startRaw();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Test
    void rawClientToRawServerSendsExactlyTheFileBytes() throws Exception {
        Path sample = LabImages.sample();
        CaptureContainer capture = lab.startCapture();
        try {
            ClientContainer.Run run = lab.client().sending(sample).withRaw().run();
            assertEquals(0, run.exitCode(), "client failed:\n" + run.output());
            assertArrayEquals(Files.readAllBytes(sample), lab.server().received());

            Path pcap = capture.stopAndCopyPcap(tmp);
            Wire.of(pcap).assertTransfer(run.address(), lab.server().address(), lab.server().port(), Files.size(sample));
        } finally {
            capture.stop();
        }
    }
}
