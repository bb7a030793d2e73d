package dev.socklab.lab;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/** The server host: `tcp-server` on server-net, routing to client-net through the router. */
public final class ServerContainer extends GenericContainer<ServerContainer> {
    static final int PORT = 9898;
    static final String OUT_DIR = "/lab/received";

    private final Network serverNet;
    private boolean raw;

    ServerContainer(Network serverNet, RouterContainer router, Subnet clientNet) {
        super(LabImages.server());
        this.serverNet = serverNet;
        withNetwork(serverNet);
        router.routeFromServerNet(this, clientNet);
        waitingFor(Wait.forLogMessage(".*Server is listening on port : " + PORT + ".*", 1));
    }

    /** Raw mode: no greeting, no confirmation, just bytes until EOF. */
    public ServerContainer withRaw() {
        this.raw = true;
        return this;
    }

    @Override
    protected void configure() {
        List<String> cmd = new ArrayList<>(List.of("tcp-server", "--port", String.valueOf(PORT), "--out", OUT_DIR));
        if (raw) cmd.add("--raw");
        withCommand(cmd.toArray(String[]::new));
    }

    public String address() {
        return Docker.addressOn(getContainerId(), serverNet);
    }

    public int port() {
        return PORT;
    }

    /** The bytes of recv.txt as the server saved it. */
    public byte[] received() {
        return copyFileFromContainer(OUT_DIR + "/recv.txt", InputStream::readAllBytes);
    }

    /** Names in the server's output folder (recv.txt, and any temp file a broken transfer left). */
    public List<String> outputFolder() throws Exception {
        String listing = execInContainer("ls", "-A", OUT_DIR).getStdout().strip();
        return listing.isEmpty() ? List.of() : List.of(listing.split("\n"));
    }
}
