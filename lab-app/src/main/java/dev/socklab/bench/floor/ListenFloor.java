package dev.socklab.bench.floor;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The JVM's own floor for a server: one class that opens a ServerSocket and says so, nothing else. Started the way
 * tcp-server is ({@code java -cp lab-app.jar ...}), it is what {@code bench startup} compares tcp-server with.
 * Deliberately no picocli, no lambdas, no project classes.
 */
public final class ListenFloor {
    private ListenFloor() {}

    public static void main(String[] args) throws Exception {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(Integer.parseInt(args[0])), 128);
        System.out.println("listening on port " + s.getLocalPort());
        System.out.flush();
        s.accept().close();
    }
}
