package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final Duration TIMEOUT = Duration.ofMillis(100);

    @Test
    void aSilentPeerIsCutOffAfterTheTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket peer = listener.accept();
             Watchdog dog = new Watchdog(s, TIMEOUT)) {
            awaitClosed(s, Duration.ofSeconds(5));
            assertTrue(dog.fired());
        }
    }

    @Test
    void aPausedWaitIsNotThePeersSilenceAndTheTimeoutStartsAgainAfterIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket peer = listener.accept();
             Watchdog dog = new Watchdog(s, TIMEOUT)) {
            dog.pause();
            Thread.sleep(TIMEOUT.multipliedBy(5).toMillis());   // a disk that takes five timeouts
            assertFalse(dog.fired());
            assertFalse(s.isClosed());
            dog.resume();
            awaitClosed(s, Duration.ofSeconds(5));
            assertTrue(dog.fired(), "after the wait, silence counts again");
        }
    }

    private static void awaitClosed(Socket s, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!s.isClosed() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(s.isClosed(), "the watchdog closed the socket");
    }
}
