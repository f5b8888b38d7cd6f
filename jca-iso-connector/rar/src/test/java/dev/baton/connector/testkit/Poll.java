package dev.baton.connector.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it until a deadline: tests never sleep for a fixed time. */
public final class Poll {

  public static final Duration WITHIN = Duration.ofSeconds(10);

  private Poll() {}

  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + WITHIN + ": " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
