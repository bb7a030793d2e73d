package dev.socklab.lab;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/** The UDP server host: `udp-server --mode print` on server-net, printing who sent what. */
public final class UdpServerContainer extends GenericContainer<UdpServerContainer> {
    static final int PORT = 12000;
    private static final Pattern DATAGRAM = Pattern.compile("(?m)^(\\S+):(\\d+) -> (.*)$");

    private final Network serverNet;

    UdpServerContainer(Network serverNet, RouterContainer router, Subnet clientNet) {
        super(LabImages.server());
        this.serverNet = serverNet;
        withNetwork(serverNet);
        router.routeFromServerNet(this, clientNet);
        LockedDown.apply(this);
        withCommand("udp-server", "--port", String.valueOf(PORT), "--mode", "print");
        waitingFor(Wait.forLogMessage(".*UDP server is listening on port : " + PORT + ".*", 1));
    }

    public String address() {
        return Docker.addressOn(getContainerId(), serverNet);
    }

    /** Every datagram the server printed, in the order it received them. */
    public List<Datagram> received() {
        Matcher m = DATAGRAM.matcher(getLogs());
        return m.results().map(r -> new Datagram(r.group(1), Integer.parseInt(r.group(2)), r.group(3))).toList();
    }

    /** One printed line: sender address and port, and the payload as text. */
    public record Datagram(String address, int port, String text) {
    }
}
