package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferBudgetTest {

    @Test
    void buffersComeOutOfTheBudgetUntilItIsSpentThenSmallOnesOutsideIt() {
        BufferBudget budget = new BufferBudget(1);   // 1024 KiB
        List<BufferBudget.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 16; i++) leases.add(budget.lease(64 * 1024));
        assertEquals(0, budget.availableKib());
        leases.forEach(l -> assertEquals(64 * 1024, l.buffer().length));

        try (BufferBudget.Lease over = budget.lease(64 * 1024)) {
            assertEquals(BufferBudget.SMALL, over.buffer().length, "the budget is spent: a small buffer, outside it");
        }
        assertEquals(0, budget.availableKib(), "a small buffer returns nothing it did not take");

        leases.remove(0).close();
        assertEquals(64, budget.availableKib());
        try (BufferBudget.Lease again = budget.lease(64 * 1024)) {
            assertEquals(64 * 1024, again.buffer().length, "a returned share is leased again");
        }
        leases.forEach(BufferBudget.Lease::close);
        assertEquals(1024, budget.availableKib());
    }

    @Test
    void aSmallRequestNeverTouchesTheBudgetAndSizesRoundUpToKib() {
        BufferBudget budget = new BufferBudget(1);
        try (BufferBudget.Lease tiny = budget.lease(100); BufferBudget.Lease odd = budget.lease(5000)) {
            assertEquals(100, tiny.buffer().length);
            assertEquals(5120, odd.buffer().length);
            assertEquals(1024 - 5, budget.availableKib());
        }
    }
}
