package dev.socklab.lab;

import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/** The router: on both networks, forwarding between them (docker-compose.yml's `router`). */
public final class RouterContainer extends GenericContainer<RouterContainer> {
    private final Network serverNet;
    private final Network clientNet;
    private String rateLimit;

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
        if (rateLimit != null) limitRate();
    }

    /**
     * Forwards towards server-net at this rate at most (tc tbf on that leg), so a transfer lasts long enough to
     * break it in the middle. Needs NET_ADMIN, given to the router for that only.
     */
    public RouterContainer withRateLimitTowardsServer(String rate) {
        this.rateLimit = rate;
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN));
        return this;
    }

    private void limitRate() {
        String dev = "$(ip -o -4 addr show | awk '$4 ~ /^" + serverSideAddress().replace(".", "\\.") + "\\// {print $2}')";
        try {
            var r = execInContainer("sh", "-c", "tc qdisc replace dev " + dev + " root tbf rate " + rateLimit
                    + " burst 32kb latency 2s");
            if (r.getExitCode() != 0) throw new IllegalStateException("tc failed: " + r.getStderr());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot limit the router's rate", e);
        }
    }

    /** Routes a host on server-net to client-net through this router. */
    void routeFromServerNet(GenericContainer<?> host, Subnet clientNet) {
        route(host, clientNet, serverSideAddress());
    }

    /** Routes a host on client-net to server-net through this router. */
    void routeFromClientNet(GenericContainer<?> host, Subnet serverNet) {
        route(host, serverNet, clientSideAddress());
    }

    /** The images' lab-host entrypoint adds the route at start; NET_ADMIN is only for that. */
    private static void route(GenericContainer<?> host, Subnet to, String via) {
        host.withEnv("ROUTE_TO", to.cidr());
        host.withEnv("ROUTE_VIA", via);
        host.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN));
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
