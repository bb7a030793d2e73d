package dev.socklab.lab;

import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/** The router: on both networks, forwarding between them (docker-compose.yml's `router`). */
public final class RouterContainer extends GenericContainer<RouterContainer> {
    private static final Pattern DROPPED = Pattern.compile("dropped (\\d+) of");

    private final Network serverNet;
    private final Network clientNet;

    RouterContainer(Network serverNet, Network clientNet) {
        super(LabImages.capture());
        this.serverNet = serverNet;
        this.clientNet = clientNet;
        withNetwork(serverNet);
        withCommand("lab-router");
        // NET_ADMIN: iptables and tc for impairment, as in docker-compose.yml.
        withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withSysctls(Map.of("net.ipv4.ip_forward", "1"))
                .withCapAdd(Capability.NET_ADMIN));
    }

    @Override
    protected void containerIsStarted(com.github.dockerjava.api.command.InspectContainerResponse info) {
        // Testcontainers attaches one network at creation; the second leg is connected here.
        Engine.connect(getContainerId(), clientNet);
    }

    /**
     * Impairs what the router forwards from now on, with the lab's own lab-impair (as ./lab impair does):
     * e.g. {@code impair("--loss", "5")}, {@code impair("--rate", "10mbit")}, {@code impair("--clear")}.
     * Returns its one-line state, with how many forwarded packets it dropped so far.
     */
    public String impair(String... options) {
        String[] cmd = new String[options.length + 1];
        cmd[0] = "lab-impair";
        System.arraycopy(options, 0, cmd, 1, options.length);
        try {
            ExecResult r = execInContainer(cmd);
            if (r.getExitCode() != 0) throw new IllegalStateException("lab-impair failed: " + r.getStderr());
            return r.getStdout().strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many forwarded packets the impairment has dropped so far (lab-impair's own counter). */
    public long dropped() {
        Matcher m = DROPPED.matcher(impair());
        if (!m.find()) throw new IllegalStateException("lab-impair printed no drop count");
        return Long.parseLong(m.group(1));
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
        return Engine.addressOn(getContainerId(), serverNet);
    }

    /** The router's address on client-net: the client's next hop to server-net. */
    public String clientSideAddress() {
        return Engine.addressOn(getContainerId(), clientNet);
    }
}
