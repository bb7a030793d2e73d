package dev.socklab.lab;

import java.nio.file.Path;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The routed two-host topology of docker-compose.yml, assembled from the same images:
 * client-net and server-net, a router on both, the server on server-net. Captures and clients
 * are made per scenario. Docker picks the subnets, so tests never collide with a running lab.
 */
public final class TwoHostLab<S extends GenericContainer<S>> implements AutoCloseable {
    private final Network serverNet = Network.newNetwork();
    private final Network clientNet = Network.newNetwork();
    private final RouterContainer router;
    private final S server;

    /** What a server host needs to know of the topology: its network, its router, the other subnet. */
    interface ServerFactory<S> {
        S create(Network serverNet, RouterContainer router, Subnet clientNet);
    }

    private TwoHostLab(ServerFactory<S> factory, String rateLimit) {
        router = new RouterContainer(serverNet, clientNet);
        router.start();
        if (rateLimit != null) router.impair("--rate", rateLimit);
        server = factory.create(serverNet, router, clientSubnet());
        server.start();
    }

    /** Starts router and TCP server (default protocol). */
    public static TwoHostLab<ServerContainer> start() {
        return new TwoHostLab<>(ServerContainer::new, null);
    }

    /**
     * Starts router and TCP server, the server configured by {@code server}, the router forwarding
     * at {@code rate} at most (e.g. "16mbit"; null: full speed) so a transfer can be broken midway.
     */
    public static TwoHostLab<ServerContainer> start(String rate, java.util.function.UnaryOperator<ServerContainer> server) {
        return new TwoHostLab<>((net, router, clients) -> server.apply(new ServerContainer(net, router, clients)), rate);
    }

    /** Starts router and a raw-mode TCP server (bytes until EOF, no greeting). */
    public static TwoHostLab<ServerContainer> startRaw() {
        return new TwoHostLab<>((net, router, clients) -> new ServerContainer(net, router, clients).withRaw(), null);
    }

    /** Starts router and a classroom Python server (tests/src/test/resources/classroom/FOLDER/SCRIPT) on the server host. */
    public static TwoHostLab<ClassroomServerContainer> startClassroom(String folder, String script) {
        return new TwoHostLab<>((net, router, clients) -> new ClassroomServerContainer(net, router, clients, folder, script), null);
    }

    /** Starts router and a UDP server printing who sent what (and collecting files). */
    public static TwoHostLab<UdpServerContainer> startUdp() {
        return startUdp("print");
    }

    /** Starts router and a UDP server in the given mode: print, echo or upper. */
    public static TwoHostLab<UdpServerContainer> startUdp(String mode) {
        return new TwoHostLab<>((net, router, clients) -> new UdpServerContainer(net, router, clients).withMode(mode), null);
    }

    public S server() {
        return server;
    }

    public RouterContainer router() {
        return router;
    }

    public Subnet serverSubnet() {
        return Engine.subnetOf(serverNet);
    }

    public Subnet clientSubnet() {
        return Engine.subnetOf(clientNet);
    }

    /** Starts tcpdump beside the server; stop it with {@link CaptureContainer#stopAndCopyPcap(Path)}. */
    public CaptureContainer startCapture() {
        CaptureContainer capture = new CaptureContainer(server);
        capture.start();
        return capture;
    }

    /** A new client host on client-net, aimed at the server's address. */
    public ClientContainer client() {
        String serverAddress = Engine.addressOn(server.getContainerId(), serverNet);
        return new ClientContainer(clientNet, clientSubnet(), router, serverSubnet(), serverAddress);
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
