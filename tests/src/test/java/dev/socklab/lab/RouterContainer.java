package dev.socklab.lab;

import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/** The router: on both networks, forwarding between them (docker-compose.yml's `router`). */
public final class RouterContainer extends GenericContainer<RouterContainer> {
    private final Network serverNet;
    private final Network clientNet;

    RouterContainer(Network serverNet, Network clientNet) {
        super(LabImages.capture());
        this.serverNet = serverNet;
        this.clientNet = clientNet;
        withNetwork(serverNet);
        withCommand("lab-router");
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withSysctls(Map.of("net.ipv4.ip_forward", "1")));
    }

    @Override
    protected void containerIsStarted(com.github.dockerjava.api.command.InspectContainerResponse info) {
        // Testcontainers attaches one network at creation; the second leg is connected here.
        Docker.connect(getContainerId(), clientNet);
    }

    /** The router's address on server-net: the server's next hop to client-net. */
    public String serverSideAddress() {
        return Docker.addressOn(getContainerId(), serverNet);
    }

    /** The router's address on client-net: the client's next hop to server-net. */
    public String clientSideAddress() {
        return Docker.addressOn(getContainerId(), clientNet);
    }
}
