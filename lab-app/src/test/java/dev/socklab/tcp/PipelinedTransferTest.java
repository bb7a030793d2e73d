package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file big enough for both sides' second hashing thread ({@link Receiver#PIPELINE_MIN}): same verdicts, same bytes. */
class PipelinedTransferTest {

    @Test
    void aBigFileIsVerifiedAndStoredByteForByte(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("big.bin");
        byte[] data = new byte[(int) Receiver.PIPELINE_MIN + 12_345];   // not a whole number of buffers
        new SplittableRandom(7).nextBytes(data);
        Files.write(src, data);
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, dir.resolve("out"), false, Duration.ofSeconds(10), l -> {}))) {
            int port = server.start();
            TcpClient.Result r = new TcpClient(new TcpClient.Config("127.0.0.1", port, src, false, Duration.ofSeconds(5),
                    Duration.ofSeconds(10), l -> {}, TcpClient.Progress.NONE)).send();
            assertTrue(r.verified(), String.valueOf(r.problem()));
            assertEquals(Sha256.ofFile(src), r.sha256());
            assertEquals(Sha256.ofFile(src), Sha256.ofFile(server.target()));
        }
    }
}
