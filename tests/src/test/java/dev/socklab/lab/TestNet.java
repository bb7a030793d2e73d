package dev.socklab.lab;

import dev.socklab.lab.FreeNet.Claim;

/**
 * The tests' addresses: one prefix claimed per test JVM from 10.200 up (see {@link FreeNet}), so no test
 * ever asks for a subnet a running lab or another checkout's tests hold; the claim goes when the JVM ends.
 */
final class TestNet {
    private static Claim claim;

    private TestNet() {
    }

    /** A fresh prefix for one lab: close it once the lab is down. */
    static Claim claim() {
        return FreeNet.claim(FreeNet.TESTS_FROM);
    }

    /** The JVM's shared prefix, for tests that need fixed /24s of their own (Subnet.it). */
    static synchronized AddressPlan shared() {
        if (claim == null) {
            claim = claim();
            Runtime.getRuntime().addShutdownHook(new Thread(claim::close));
        }
        return claim.plan();
    }
}
