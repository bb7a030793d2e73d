package dev.socklab.lab;

import java.util.List;
import java.util.Map;

/**
 * A LAB_NET that no network on the engine touches, so a scenario's own project (check, compare, bench,
 * the tests) never meets a running lab or another scenario. User labs live in 10.10-10.99 by default;
 * scenarios look from 10.100 up, the tests from 10.200 up. A prefix is claimed atomically with a small
 * network of its own (10.N.0.0/24: the engine refuses an overlapping second one), so two runs choosing
 * at the same moment cannot both take it; closing the claim removes that network.
 */
public final class FreeNet {
    public static final int SCENARIOS_FROM = 100;
    public static final int TESTS_FROM = 200;
    /** Names and labels the claims, so a stale one (its owner killed) can be recognised. */
    public static final String CLAIM_LABEL = "dev.socklab.claim";

    private FreeNet() {
    }

    /** The first 10.N (N from {@code from} to 254) whose /16 overlaps none of {@code inUse}. */
    public static AddressPlan first(int from, List<String> inUse) {
        for (int n = from; n <= 254; n++) {
            AddressPlan plan = new AddressPlan("10." + n);
            String whole = plan.net() + ".0.0/16";
            if (inUse.stream().noneMatch(u -> AddressPlan.overlaps(whole, u))) return plan;
        }
        throw new LabFailure("no free 10.N.0.0/16 left for a lab: remove old Docker networks (docker network prune)");
    }

    /** Whether none of the plan's own subnets overlaps a network in use. */
    public static boolean fits(AddressPlan plan, List<String> inUse) {
        return plan.subnets().stream().noneMatch(s -> inUse.stream().anyMatch(u -> AddressPlan.overlaps(s, u)));
    }

    /** A claimed prefix: the lab's addresses until closed. */
    public record Claim(AddressPlan plan, String network) implements AutoCloseable {
        @Override
        public void close() {
            if (!network.isEmpty()) Docker.remove(List.of(), List.of(network));
        }
    }

    /** Claims the first free prefix from {@code from} up; tries the next when another run took it first. */
    public static Claim claim(int from) {
        for (int attempt = 0; attempt < 20; attempt++) {
            AddressPlan plan = first(from, Docker.subnetsInUse());
            String name = "socklab-claim-" + plan.net();
            if (Docker.createNetwork(name, plan.net() + ".0.0/24", Map.of(CLAIM_LABEL, String.valueOf(ProcessHandle.current().pid())))) {
                return new Claim(plan, name);
            }
            from = Integer.parseInt(plan.net().substring(3)) + 1;   // taken meanwhile: the next one
        }
        throw new LabFailure("could not claim free addresses for a lab (Docker refused 20 times)");
    }
}
