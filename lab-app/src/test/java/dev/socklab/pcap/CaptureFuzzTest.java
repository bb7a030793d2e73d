package dev.socklab.pcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the capture reader and the analysis behind {@code analyze}: whatever the bytes,
 * the result is an analysis or a {@link CaptureFormatException}, never another exception, a hang or an
 * allocation the size of a lying length field. Seeds: our own fixture captures, as pcap and as pcapng
 * ({@code CaptureFuzzTestInputs/}). Plain {@code mvn test} replays the seeds and every past finding;
 * {@code JAZZER_FUZZ=1} fuzzes (the bounded run {@code mvn verify} does, see lab-app/pom.xml).
 */
class CaptureFuzzTest {

    // 30 s: with the protocol target, the fuzzing run in ./lab test stays near 1.5 minutes.
    @FuzzTest(maxDuration = "30s")
    void anyBytesReadOrFailCleanly(byte[] data) {
        try (PacketSource source = CaptureReader.open(new ByteArrayInputStream(data), "fuzz.pcap")) {
            TcpAnalysis analysis = TcpAnalysis.of(source);
            // The numbers analyze prints must be computable for anything that parsed.
            for (TcpConnection c : analysis.connections()) {
                c.hasCompleteHandshake();
                c.sequenceBytesClientToServer();
                c.sequenceBytesServerToClient();
                c.duration();
            }
            analysis.udpDatagrams();
        } catch (CaptureFormatException refused) {
            // the clean refusal analyze turns into one line and exit 1
        } catch (IOException e) {
            throw new AssertionError("an in-memory capture failed with a plain I/O error: " + e, e);
        }
    }
}
