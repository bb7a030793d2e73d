package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** tcp-server --keep-each: each upload stays apart under its client's address and port, recv.txt is the last. */
@Timeout(20)
class KeepEachTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void eachUploadIsKeptUnderItsClientsPortWhileRecvTxtIsTheLast() throws Exception {
        Log serverLog = new Log();
        Log clientLog = new Log();
        Path out = dir.resolve("out");
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, out, false, SHORT, serverLog)).keepingEach()) {
            int port = server.start();
            byte[] first = "first upload\n".getBytes();
            byte[] second = "the second one, longer\n".getBytes();
            for (byte[] content : List.of(first, second)) {
                Path file = Files.write(dir.resolve("f.txt"), content);
                new TcpClient(new TcpClient.Config("127.0.0.1", port, file, false, SHORT, SHORT, clientLog,
                        TcpClient.Progress.NONE)).send();
            }
            Matcher from = Pattern.compile("Connected to \\S+ from 127\\.0\\.0\\.1:(\\d+)").matcher(String.join("\n", clientLog.lines()));
            assertTrue(from.find());
            String firstPort = from.group(1);
            assertTrue(from.find());
            String secondPort = from.group(1);
            assertArrayEquals(first, Files.readAllBytes(out.resolve("recv-127.0.0.1-" + firstPort + ".txt")));
            assertArrayEquals(second, Files.readAllBytes(out.resolve("recv-127.0.0.1-" + secondPort + ".txt")));
            assertArrayEquals(second, Files.readAllBytes(out.resolve("recv.txt")));
            assertTrue(serverLog.lines().contains("Kept apart as recv-127.0.0.1-" + secondPort + ".txt"), serverLog.lines().toString());
        }
    }

    @Test
    void keptNamesHoldNoPathCharacters() {
        assertEquals("recv-10.63.2.10-41716.txt", TcpServer.keptName("10.63.2.10:41716"));
        assertEquals("recv-fd0012-5000.txt", TcpServer.keptName("[fd00::12]:5000"));
    }
}
