package dev.socklab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PathCostsTest {
    private static final long GIB = 1L << 30;

    @Test
    void theBoundSpreadsAllCoreSecondsOverTheCores() {
        // 0.6 + 2 × 0.65 + 0.8 + 0.5 = 3.2 core-seconds per GiB on 2 cores: 1.6 s, more than any single step.
        var costs = new PathCosts.Costs(new PathCosts.Cost(GIB, 9, 0.65), new PathCosts.Cost(GIB, 9, 0.6),
                new PathCosts.Cost(GIB, 9, 0.5), new PathCosts.Cost(GIB, 9, 0.8), 2);
        assertEquals(1.6, costs.boundSecondsPerGib(), 1e-9);
    }

    @Test
    void noStepGoesFasterThanOneCoreDoesIt() {
        var costs = new PathCosts.Costs(new PathCosts.Cost(GIB, 1, 0.65), new PathCosts.Cost(GIB, 1, 0.1),
                new PathCosts.Cost(GIB, 1, 0.1), new PathCosts.Cost(GIB, 1, 0.2), 16);
        assertEquals(0.65, costs.boundSecondsPerGib(), 1e-9);
    }

    @Test
    void eachStepCountsItsCheapestRoundAndTheBoundFollows() {
        var busy = new PathCosts.Costs(new PathCosts.Cost(GIB, 1, 0.7), new PathCosts.Cost(GIB, 1, 0.2),
                new PathCosts.Cost(GIB, 3, 2.5), new PathCosts.Cost(GIB, 1, 1.2), 2);
        var quiet = new PathCosts.Costs(new PathCosts.Cost(GIB, 1, 0.8), new PathCosts.Cost(GIB, 1, 0.3),
                new PathCosts.Cost(GIB, 1, 0.3), new PathCosts.Cost(GIB, 1, 1.0), 2);
        var c = PathCosts.Costs.cheapest(java.util.List.of(busy, quiet));
        assertEquals(new PathCosts.Costs(busy.sha256(), busy.fileRead(), quiet.fileWrite(), quiet.loopback(), 2), c);
        // 0.2 + 2 × 0.7 + 1.0 + 0.3 = 2.9 core-seconds on 2 cores.
        assertEquals(1.45, c.boundSecondsPerGib(), 1e-9);
    }
}
