package dev.socklab.tcp;

import java.util.concurrent.Semaphore;

/**
 * The server's copy buffers come out of one fixed budget, so its memory stays bounded however many clients send
 * at once (./lab bench concurrency: 10,000): a transfer gets the buffer its size deserves while the budget lasts,
 * else a small one. A small buffer costs syscalls, not correctness, and with that many clients at once each one's
 * share of the path is small anyway.
 */
final class BufferBudget {
    /** What a transfer gets when the budget is spent: the kernel's socket buffers still do the batching. */
    static final int SMALL = 4096;

    private final Semaphore kib;

    BufferBudget(int mib) {
        kib = new Semaphore(mib * 1024);
    }

    /** A buffer of wanted bytes (rounded up to KiB) from the budget, or a small one outside it when the budget is spent. */
    Lease lease(int wanted) {
        if (wanted <= SMALL) return new Lease(new byte[wanted], 0, kib);
        int k = (wanted + 1023) / 1024;
        return kib.tryAcquire(k) ? new Lease(new byte[k * 1024], k, kib) : new Lease(new byte[SMALL], 0, kib);
    }

    /** KiB of the budget not leased right now. */
    int availableKib() {
        return kib.availablePermits();
    }

    /** A leased buffer; closing returns its share of the budget (the array itself is the GC's). */
    record Lease(byte[] buffer, int kib, Semaphore from) implements AutoCloseable {
        @Override
        public void close() {
            if (kib > 0) from.release(kib);
        }
    }
}
