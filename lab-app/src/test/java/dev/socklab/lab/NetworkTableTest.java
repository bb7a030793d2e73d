package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines docker network inspect answers for Docker.TABLE, as the engine writes them. */
class NetworkTableTest {
    @Test
    void aComposeNetworkWithBothFamiliesKeepsItsProjectAndOnlyItsIpv4Subnet() {
        Docker.Network n = Docker.Network.parse("986aa254|socklab|true|10.10.2.0/24 fd00:10:10:2::/64 ");
        assertEquals(new Docker.Network("986aa254", "socklab", true, List.of("10.10.2.0/24")), n);
    }

    @Test
    void theDefaultBridgeHasNoProjectAndTheHostNetworkNoSubnet() {
        assertEquals(new Docker.Network("5fe0", "", false, List.of("172.17.0.0/16")), Docker.Network.parse("5fe0||false|172.17.0.0/16 "));
        assertEquals(new Docker.Network("0c83", "", false, List.of()), Docker.Network.parse("0c83||false|"));
    }

    @Test
    void theSubnetsInUseAreEveryNetworksIpv4Ones() {
        List<Docker.Network> nets = List.of(Docker.Network.parse("a|socklab|false|10.10.1.0/24 "),
                Docker.Network.parse("b|other|false|10.11.1.0/24 10.11.2.0/24 "));
        assertEquals(List.of("10.10.1.0/24", "10.11.1.0/24", "10.11.2.0/24"), Docker.subnets(nets));
    }

    @Test
    void aLineOfAnotherShapeIsTheLabsFailureNotAWrongPlan() {
        assertThrows(LabFailure.class, () -> Docker.Network.parse("just an id"));
    }
}
