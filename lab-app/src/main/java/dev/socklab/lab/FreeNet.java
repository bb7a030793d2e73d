package dev.socklab.lab;

import java.util.List;

/**
 * A LAB_NET whose subnets overlap no network the engine holds, so a scenario's own project (check,
 * compare, bench, the tests) never meets a running lab. User labs live in 10.10-10.99 by default;
 * scenarios look from 10.100 up, the tests from 10.200 up.
 */
public final class FreeNet {
    public static final int SCENARIOS_FROM = 100;
    public static final int TESTS_FROM = 200;

    private FreeNet() {
    }

    /** The first 10.N (N from {@code from} to 254) free of every subnet in use, skipping {@code taken}. */
    public static AddressPlan first(int from, List<String> inUse, List<String> taken) {
        for (int n = from; n <= 254; n++) {
            AddressPlan plan = new AddressPlan("10." + n);
            if (taken.contains(plan.net())) continue;
            if (plan.subnets().stream().noneMatch(s -> inUse.stream().anyMatch(u -> AddressPlan.overlaps(s, u)))) return plan;
        }
        throw new LabFailure("no free 10.N.0.0/16 left for a lab: remove old Docker networks (docker network prune)");
    }

    /** Whether a plan's subnets are free, or held only by networks of {@code ownSubnets} (the project's own). */
    public static boolean fits(AddressPlan plan, List<String> inUse) {
        return plan.subnets().stream().noneMatch(s -> inUse.stream().anyMatch(u -> AddressPlan.overlaps(s, u)));
    }
}
