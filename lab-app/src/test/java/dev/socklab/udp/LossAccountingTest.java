package dev.socklab.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossAccountingTest {

    private static LossAccounting feed(int total, int... seqs) {
        LossAccounting a = new LossAccounting(total);
        for (int s : seqs) a.record(s);
        return a;
    }

    @Test
    void inOrderAndComplete() {
        LossAccounting a = feed(5, 0, 1, 2, 3, 4);
        assertTrue(a.complete());
        assertEquals(5, a.received());
        assertEquals(0, a.lost());
        assertEquals(0, a.duplicated());
        assertEquals(0, a.outOfOrder());
    }

    @Test
    void countsLostDuplicatedAndOutOfOrder() {
        // 2 overtaken by 3, 5 overtaken by 6; 4 twice; 1, 8, 9 never arrive.
        LossAccounting a = feed(10, 0, 3, 2, 4, 4, 6, 5, 7);
        assertFalse(a.complete());
        assertEquals(7, a.received());
        assertEquals(3, a.lost());
        assertEquals(1, a.duplicated());
        assertEquals(2, a.outOfOrder());
        assertEquals(List.of(1, 8, 9), a.lostSequences());
    }

    @Test
    void reversedIsAllOutOfOrderButTheFirst() {
        LossAccounting a = feed(4, 3, 2, 1, 0);
        assertEquals(3, a.outOfOrder());
        assertTrue(a.complete());
    }

    @Test
    void outOfRangeIsNotCounted() {
        LossAccounting a = new LossAccounting(3);
        assertEquals(LossAccounting.Arrival.OUT_OF_RANGE, a.record(3));
        assertEquals(LossAccounting.Arrival.OUT_OF_RANGE, a.record(-1));
        assertEquals(LossAccounting.Arrival.NEW, a.record(1));
        assertEquals(LossAccounting.Arrival.DUPLICATE, a.record(1));
        assertEquals(1, a.received());
    }

    @Test
    void emptyTransferIsComplete() {
        assertTrue(new LossAccounting(0).complete());
    }

    @Test
    void rangesAreShortened() {
        assertEquals("17-19, 240", LossAccounting.ranges(List.of(17, 18, 19, 240)));
        assertEquals("", LossAccounting.ranges(List.of()));
        assertEquals("1, 3, ... (2 more)", LossAccounting.ranges(List.of(1, 3, 5, 7), 2));
    }
}
