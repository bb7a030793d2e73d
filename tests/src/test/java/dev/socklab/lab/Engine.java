package dev.socklab.lab;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/** The few Docker engine calls Testcontainers has no domain method for. */
final class Engine {
    private Engine() {
    }

    static DockerClient client() {
        return DockerClientFactory.lazyClient();
    }

    static Subnet subnetOf(Network network) {
        return new Subnet(client().inspectNetworkCmd().withNetworkId(network.getId()).exec()
                .getIpam().getConfig().get(0).getSubnet());
    }

    /** The container's address on the given network (inspected now, not at start). */
    static String addressOn(String containerId, Network network) {
        InspectContainerResponse info = client().inspectContainerCmd(containerId).exec();
        return info.getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID()))
                .map(ContainerNetwork::getIpAddress)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(containerId + " is not on network " + network.getId()));
    }

    static void connect(String containerId, Network network) {
        client().connectToNetworkCmd().withContainerId(containerId).withNetworkId(network.getId()).exec();
    }

    /** Sends a signal (e.g. SIGINT, as Ctrl-C would) and waits until the container has exited. */
    static long signalAndWait(String containerId, String signal, int timeoutSeconds) {
        client().killContainerCmd(containerId).withSignal(signal).exec();
        return client().waitContainerCmd(containerId).start()
                .awaitStatusCode(timeoutSeconds, TimeUnit.SECONDS);
    }
}
