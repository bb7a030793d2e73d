package dev.socklab.bench;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/**
 * The classroom baseline: the textbook file copy over a socket, a 1024-byte array and a plain
 * InputStream/OutputStream loop on both sides, no protocol, no hashing, no fsync.
 */
public final class ClassroomCopy {
    /** The buffer every first socket program uses. */
    public static final int BUFFER = 1024;

    private ClassroomCopy() {}

    /** Serves exactly one upload: reads until end of stream into file, then closes (the client's receipt). */
    public static long receiveOne(int port, Path file) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            try (Socket s = server.accept(); InputStream in = s.getInputStream();
                 OutputStream out = new FileOutputStream(file.toFile())) {
                byte[] buf = new byte[BUFFER];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; total += n) out.write(buf, 0, n);
                return total;
            }
        }
    }

    /** Sends file and waits for the server to close (it has written everything then); returns seconds taken. */
    public static double send(String host, int port, Path file) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 10_000);
            try (InputStream in = new FileInputStream(file.toFile())) {
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[BUFFER];
                for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
            }
            s.shutdownOutput();
            s.setSoTimeout(60_000);
            while (s.getInputStream().read() >= 0) {
                // the server sends nothing; end of stream is its receipt
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
