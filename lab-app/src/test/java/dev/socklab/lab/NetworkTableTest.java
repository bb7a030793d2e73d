package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The networks as the engine lists them (GET /networks, engine 20.10's shape): what a lab's start reads of them. */
class NetworkTableTest {
    private static Docker.Network network(String json) throws Exception {
        return Docker.Network.of(EngineSocket.JSON.readTree(json));
    }

    @Test
    void aComposeNetworkWithBothFamiliesKeepsItsProjectAndOnlyItsIpv4Subnet() throws Exception {
        Docker.Network n = network("""
                {"Name":"socklab_client-net","Id":"986aa254","EnableIPv6":true,"IPAM":{"Driver":"default","Options":null,
                 "Config":[{"Subnet":"10.10.2.0/24"},{"Subnet":"fd00:10:10:2::/64"}]},
                 "Labels":{"com.docker.compose.network":"client-net","com.docker.compose.project":"socklab"}}""");
        assertEquals(new Docker.Network("986aa254", "socklab", true, List.of("10.10.2.0/24")), n);
    }

    @Test
    void theDefaultBridgeHasNoProjectAndTheHostNetworkNoSubnet() throws Exception {
        assertEquals(new Docker.Network("5fe0", "", false, List.of("172.17.0.0/16")),
                network("{\"Id\":\"5fe0\",\"EnableIPv6\":false,\"IPAM\":{\"Config\":[{\"Subnet\":\"172.17.0.0/16\",\"Gateway\":\"172.17.0.1\"}]},\"Labels\":{}}"));
        assertEquals(new Docker.Network("0c83", "", false, List.of()),
                network("{\"Id\":\"0c83\",\"EnableIPv6\":false,\"IPAM\":{\"Config\":[]},\"Labels\":null}"));
    }

    @Test
    void theSubnetsInUseAreEveryNetworksIpv4Ones() throws Exception {
        List<Docker.Network> nets = List.of(network("{\"Id\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.10.1.0/24\"}]}}"),
                network("{\"Id\":\"b\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.11.1.0/24\"},{\"Subnet\":\"10.11.2.0/24\"}]}}"));
        assertEquals(List.of("10.10.1.0/24", "10.11.1.0/24", "10.11.2.0/24"), Docker.subnets(nets));
    }
}
