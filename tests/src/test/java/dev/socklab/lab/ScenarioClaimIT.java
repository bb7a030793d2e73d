package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A scenario (compare's TCP then UDP lab, a bench's labs) keeps its claimed prefix between two of its labs and
 * gives it back when it goes down. Given back in between, a check started meanwhile took the prefix and one of
 * the two failed with "Pool overlaps" (seen with two test classes at once).
 */
@RequiresDocker
class ScenarioClaimIT {

    @Test
    void aScenarioKeepsItsClaimBetweenItsLabsAndGivesItBackWhenDown() {
        Lab lab = new Lab(LabImages.ROOT, "socklabit-claim-" + UUID.randomUUID().toString().substring(0, 6)).scenario("compare");
        try {
            AddressPlan plan = lab.scenarioPlan();
            String claim = "socklab-claim-" + plan.net();
            assertTrue(exists(claim), claim);

            lab.clear();   // between its TCP and its UDP lab
            assertTrue(exists(claim), "clear keeps the claim: " + claim);
            try (FreeNet.Claim other = FreeNet.claim(Integer.parseInt(plan.net().substring(3)))) {
                assertNotEquals(plan.net(), other.plan().net(), "a run choosing now passes the prefix by");
            }

            lab.down();
            assertFalse(exists(claim), "down gives it back: " + claim);
        } finally {
            lab.down();
        }
    }

    private static boolean exists(String network) {
        return Docker.networkExists(network);
    }
}
