package dev.baton.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How far apart a node's replication writes start, from how busy its processors are. */
class WriteSpacingTest {

  private static final long BOUND_NANOS = 2_000_000;

  @Test
  void noSpacingUpToSeventyPercentBusyTheWholeBoundFromNinetyAndALineBetween() {
    WriteSpacing spacing = new WriteSpacing(2_000, () -> 0);
    assertEquals(0, spacing.spacingAt(0));
    assertEquals(0, spacing.spacingAt(0.70));
    assertEquals(BOUND_NANOS / 2, spacing.spacingAt(0.80), 1);
    assertEquals(BOUND_NANOS, spacing.spacingAt(0.90));
    assertEquals(BOUND_NANOS, spacing.spacingAt(1.0));
    assertEquals(0, spacing.spacingAt(-1), "a load the platform does not report counts as idle");
    assertEquals(0, spacing.spacingAt(Double.NaN));
  }

  @Test
  void theLoadIsReadAtMostEveryQuarterSecondAndTheSpacingFollowsIt() {
    double[] busy = {0.95};
    AtomicInteger reads = new AtomicInteger();
    WriteSpacing spacing = new WriteSpacing(2_000, () -> {
      reads.incrementAndGet();
      return busy[0];
    });
    assertEquals(0, spacing.nanos(), "not spaced before the first reading");
    spacing.sample(1_000);
    assertEquals(BOUND_NANOS, spacing.nanos());
    busy[0] = 0.1;
    spacing.sample(1_000 + WriteSpacing.SAMPLE_MILLIS - 1);
    assertEquals(1, reads.get(), "read once within a quarter second");
    assertEquals(BOUND_NANOS, spacing.nanos());
    spacing.sample(1_000 + WriteSpacing.SAMPLE_MILLIS);
    assertEquals(2, reads.get());
    assertEquals(0, spacing.nanos(), "idle again: not spaced");
  }

  @Test
  void aZeroBoundNeverReadsTheLoadAndANegativeOneIsRefused() {
    AtomicInteger reads = new AtomicInteger();
    WriteSpacing never = new WriteSpacing(0, () -> {
      reads.incrementAndGet();
      return 1.0;
    });
    never.sample(0);
    never.sample(10_000);
    assertEquals(0, reads.get());
    assertEquals(0, never.nanos());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new WriteSpacing(-1, () -> 0));
    assertEquals("a write spacing is not negative: -1 us", refused.getMessage());
  }
}
