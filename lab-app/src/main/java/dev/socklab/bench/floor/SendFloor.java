package dev.socklab.bench.floor;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The JVM's own floor for a client: one class that connects, says hello, sends 1 KiB and reads one reply line,
 * in the lab's protocol so the same tcp-server answers both contenders. No hashing, no checks, no project classes.
 * Exit 0 when the reply was an OK line.
 */
public final class SendFloor {
    private SendFloor() {}

    public static void main(String[] args) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("HELLO socklab-client size=1024 name=floor\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            out.write(new byte[1024]);
            s.shutdownOutput();
            String reply = readLine(in);
            System.out.println(reply);
            System.exit(reply.startsWith("OK ") ? 0 : 1);
        }
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) b.append((char) c);
        return b.toString();
    }
}
