package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class TcpLinesTest {

    @TempDir
    Path dir;

    @Test
    void eachLineIsPrintedWithItsSender() throws Exception {
        List<String> serverLog = new CopyOnWriteArrayList<>();
        List<String> clientLog = new CopyOnWriteArrayList<>();
        Path out = dir.resolve("out");
        try (TcpServer server = new TcpServer(new TcpServer.Config(0, out, false, Duration.ofSeconds(5),
                serverLog::add, true))) {
            int port = server.start();
            TcpClient client = new TcpClient(new TcpClient.Config("127.0.0.1", port, Path.of("unused"), false,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), clientLog::add, null));
            assertEquals(3, client.sendLines(new BufferedReader(new StringReader("one\ntwo words\n\tthree\n"))));
            for (int i = 0; i < 100 && serverLog.stream().noneMatch(l -> l.endsWith(" closed")); i++) Thread.sleep(20);
            String from = clientLog.get(0).replaceAll(".* from ([^;]+);.*", "$1");
            assertTrue(serverLog.contains(from + " -> one"), serverLog + " / " + from);
            assertTrue(serverLog.contains(from + " -> two words"), serverLog.toString());
            assertEquals(4, serverLog.stream().filter(l -> l.startsWith(from + " -> ")).count() + 1, serverLog.toString());
            assertTrue(clientLog.contains("Sent 3 lines"), clientLog.toString());
        }
        // Line mode saves nothing and needs no output folder.
        assertFalse(Files.exists(out));
    }
}
