package dev.baton.link;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by checking it until a deadline: the tests never sleep a fixed time. */
final class Poll {

  static final Duration WITHIN = Duration.ofSeconds(5);
  private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();

  private Poll() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within " + WITHIN.toMillis() + " ms: " + what);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
