package dev.socklab.bench.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The JVM's own floor for a verified file transfer: the shortest Java program that does what socklab's OK stands
 * for, and nothing else. The client reads its file with a FileChannel into one direct 1 MiB buffer, hashes it and
 * sends it after the length; the server receives into one, hashes and writes the file, fsyncs, and answers its
 * SHA-256, which the client compares with its own (exit 0 when equal). One thread a side, no protocol, no
 * temporary file, no timeouts, no checks of the peer: not a program anyone should use, the cost of the JVM doing
 * this work. {@code bench loopback} starts it as socklab's programs are started ({@code java -cp lab-app.jar}), and
 * {@code ./lab bench transfer} runs it on the containers' routed path beside socklab.
 * <pre>
 *   server PORT OUT_FILE [BIND]   prints "listening", receives one file, exits (BIND: 127.0.0.1 unless given)
 *   client PORT FILE [HOST]       sends FILE to HOST:PORT (127.0.0.1); exit 0 when the server's SHA-256 is the
 *                                 client's, after printing {"bytes": N, "seconds": S}: connect to verified
 * </pre>
 */
public final class VerifiedCopyFloor {
    private static final int BUFFER = 1 << 20;

    private VerifiedCopyFloor() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        String host = args.length > 3 ? args[3] : "127.0.0.1";
        if (args[0].equals("server")) serve(host, port, file);
        else System.exit(send(host, port, file) ? 0 : 1);
    }

    private static void serve(String bind, int port, Path out) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(bind, port));
            System.out.println("listening on port " + port);
            System.out.flush();
            try (SocketChannel peer = server.accept();
                 FileChannel file = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer head = ByteBuffer.allocate(8);
                while (head.hasRemaining()) if (peer.read(head) < 0) throw new IOException("no length");
                long left = head.flip().getLong();
                while (left > 0) {
                    buf.clear().limit((int) Math.min(BUFFER, left));
                    int n = peer.read(buf);
                    if (n < 0) throw new IOException("the client stopped early");
                    left -= n;
                    buf.flip();
                    sha.update(buf.duplicate());
                    while (buf.hasRemaining()) file.write(buf);
                }
                file.force(true);
                peer.write(ByteBuffer.wrap(sha.digest()));
            }
        }
    }

    private static boolean send(String host, int port, Path in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        long start = System.nanoTime();
        try (FileChannel file = FileChannel.open(in, StandardOpenOption.READ);
             SocketChannel peer = SocketChannel.open(new InetSocketAddress(host, port))) {
            ByteBuffer head = ByteBuffer.allocate(8).putLong(file.size()).flip();
            while (head.hasRemaining()) peer.write(head);
            while (file.read(buf.clear()) > 0) {
                buf.flip();
                sha.update(buf.duplicate());
                while (buf.hasRemaining()) peer.write(buf);
            }
            ByteBuffer theirs = ByteBuffer.allocate(32);
            while (theirs.hasRemaining()) if (peer.read(theirs) < 0) return false;
            if (!Arrays.equals(theirs.array(), sha.digest())) return false;
            System.out.println("{\"bytes\": " + file.size() + ", \"seconds\": " + (System.nanoTime() - start) / 1e9 + "}");
            return true;
        }
    }
}
