package dev.baton.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a condition the system reaches on its own, checking it until a deadline. */
public final class Poll {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {}

  /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code patience}. */
  public static void until(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + patience.toSeconds() + " s: " + what);
      }
      Thread.sleep(INTERVAL);
    }
  }
}
