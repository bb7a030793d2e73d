package dev.socklab.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** What the server commands share: print each event at once, and serve until the process is stopped. */
final class Serving {
    private Serving() {
    }

    /** Waits for a running server to stop; implemented by TcpServer::awaitClosed and UdpServer::awaitClosed. */
    interface Awaiting {
        void awaitClosed() throws InterruptedException;
    }

    /** One line per event, flushed at once: docker logs and pipes must see each event as it happens. */
    static Consumer<String> lineLog(PrintWriter out) {
        return line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }

    /**
     * Blocks until the server stops. SIGTERM/SIGINT (Ctrl-C, docker stop) close it through a
     * shutdown hook, so partial uploads are deleted before the JVM exits.
     */
    static int untilStopped(String name, Runnable close, Awaiting server) throws InterruptedException {
        Thread hook = new Thread(close, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitClosed();
        } finally {
            close.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing to undo
            }
        }
        return 0;
    }
}
