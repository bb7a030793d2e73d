package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.compare.Comparison;
import dev.socklab.compare.TransportRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file over UDP across the router: whole on a clean link; under loss, honestly reported as incomplete. */
@RequiresDocker
class UdpFileIT {
    private static final int CHUNK = 1200;
    private static TwoHostLab<UdpServerContainer> lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startLab() {
        lab = TwoHostLab.startUdp();
    }

    @AfterEach
    void clearImpairment() {
        lab.router().impair("--clear");
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Test
    void onACleanLinkTheFileArrivesIdentical() throws Exception {
        Path file = randomFile(1000);   // 1000 datagrams, the last one short
        CaptureContainer capture = lab.startCapture();
        try {
            int before = lab.server().transferReports().size();
            sendFile(file);
            UdpServerContainer.TransferReport report = awaitTransferReport(before);

            assertEquals(new UdpServerContainer.TransferReport(1000, 1000, 0, 0, 0), report);
            assertArrayEquals(Files.readAllBytes(file), lab.server().receivedFile().orElseThrow(), "udp-recv.bin differs");

            TransportRun wire = udpOnTheWire(capture, file);
            assertEquals(1000, wire.datagramsReceived(), "every numbered datagram is in the capture");
            assertEquals(0, wire.packetsFromServer(), "UDP's receiver sends nothing back: no ACKs");
            assertTrue(wire.sha256Match());
        } finally {
            capture.stop();
        }
    }

    @Test
    void underFivePercentLossTheServerReportsWhatWasLostAndSavesNothing() throws Exception {
        int datagrams = 2000;
        Path file = randomFile(datagrams);
        lab.router().impair("--loss", "5");
        CaptureContainer capture = lab.startCapture();
        try {
            int before = lab.server().transferReports().size();
            sendFile(file);
            UdpServerContainer.TransferReport report = awaitTransferReport(before);

            // Binomial(2000, 0.05): mean 100, standard deviation 9.7; 50..160 is beyond 5 deviations either way.
            assertEquals(datagrams, report.total());
            assertTrue(report.lost() >= 50 && report.lost() <= 160, "lost " + report.lost() + " of 2000 at 5 % loss");
            assertEquals(datagrams, report.received() + report.lost());
            assertEquals(Optional.empty(), lab.server().receivedFile().map(b -> b.length), "an incomplete file is never saved");

            // Three witnesses agree: the router's drop counter, the server's accounting, the capture beside the server.
            long dropped = lab.router().dropped();
            assertTrue(dropped == report.lost() || dropped == report.lost() + 1,
                    "the router dropped " + dropped + ", the server lost " + report.lost() + " (+1 if END was dropped)");
            TransportRun wire = udpOnTheWire(capture, file);
            assertEquals(report.lost(), wire.datagramsLost(), "the capture shows the same gaps as the server");
        } finally {
            capture.stop();
        }
    }

    /** Random bytes that make exactly {@code datagrams} chunks, the last one short. */
    private Path randomFile(int datagrams) throws Exception {
        byte[] data = new byte[(datagrams - 1) * CHUNK + 777];
        new Random(datagrams).nextBytes(data);
        return Files.write(tmp.resolve("random-" + datagrams + ".bin"), data);
    }

    private static void sendFile(Path file) {
        ClientContainer.Run run = lab.client().sending(file)
                .running("udp-client", "{server}", "--port", String.valueOf(UdpServerContainer.PORT),
                        "--file", ClientContainer.FILE_IN_CONTAINER, "--chunk", String.valueOf(CHUNK))
                .run();
        assertEquals(0, run.exitCode(), "udp-client failed:\n" + run.output());
    }

    /** UDP has no end of stream: the server reports once END arrives with everything, or after 2 s of silence. */
    private static UdpServerContainer.TransferReport awaitTransferReport(int before) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<UdpServerContainer.TransferReport> reports = lab.server().transferReports();
            if (reports.size() > before) return reports.getLast();
            Thread.sleep(200);
        }
        throw new AssertionError("the server reported no file transfer within 20 s:\n" + lab.server().getLogs());
    }

    private TransportRun udpOnTheWire(CaptureContainer capture, Path file) throws Exception {
        Path pcap = capture.stopAndCopyPcap(tmp);
        Path received = tmp.resolve("udp-recv.bin");
        Optional<byte[]> saved = lab.server().receivedFile();
        if (saved.isPresent()) Files.write(received, saved.get());
        // Comparison's UDP side is exactly "what this capture and this file show".
        return Comparison.udp(file, new Comparison.Evidence(pcap, received, UdpServerContainer.PORT));
    }
}
