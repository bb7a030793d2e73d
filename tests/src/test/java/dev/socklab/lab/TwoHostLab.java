package dev.socklab.lab;

import java.nio.file.Path;
import org.testcontainers.containers.Network;

/**
 * The routed two-host topology of docker-compose.yml, assembled from the same images:
 * client-net and server-net, a router on both, the server on server-net. Captures and clients
 * are made per scenario. Docker picks the subnets, so tests never collide with a running lab.
 */
public final class TwoHostLab implements AutoCloseable {
    private final Network serverNet = Network.newNetwork();
    private final Network clientNet = Network.newNetwork();
    private final RouterContainer router;
    private final ServerContainer server;

    private TwoHostLab(boolean rawServer) {
        router = new RouterContainer(serverNet, clientNet);
        router.start();
        server = new ServerContainer(serverNet, router, clientSubnet());
        if (rawServer) server.withRaw();
        server.start();
    }

    /** Starts router and server (default protocol). */
    public static TwoHostLab start() {
        return new TwoHostLab(false);
    }

    /** Starts router and a raw-mode server (bytes until EOF, no greeting). */
    public static TwoHostLab startRaw() {
        return new TwoHostLab(true);
    }

    public ServerContainer server() {
        return server;
    }

    public RouterContainer router() {
        return router;
    }

    public Subnet serverSubnet() {
        return Docker.subnetOf(serverNet);
    }

    public Subnet clientSubnet() {
        return Docker.subnetOf(clientNet);
    }

    /** Starts tcpdump beside the server; stop it with {@link CaptureContainer#stopAndCopyPcap(Path)}. */
    public CaptureContainer startCapture() {
        CaptureContainer capture = new CaptureContainer(server);
        capture.start();
        return capture;
    }

    /** A new client host on client-net, aimed at the server's address. */
    public ClientContainer client() {
        return new ClientContainer(clientNet, clientSubnet(), router, serverSubnet(), server.address());
    }

    @Override
    public void close() {
        // Ryuk cannot run here (no registry), so everything is removed explicitly, in reverse order.
        server.stop();
        router.stop();
        clientNet.close();
        serverNet.close();
    }
}
