package dev.baton.systemtests;

import java.io.IOException;
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

  /** An attempt that fails with an IOException until the system is ready for it. */
  @FunctionalInterface
  public interface Attempt {
    void run() throws IOException;
  }

  /**
   * Runs {@code attempt} until it succeeds (e.g. a connect to a port the server opens once it has
   * read its configuration); rethrows its last failure, naming {@code what}, after {@code patience}.
   */
  public static void retry(String what, Duration patience, Attempt attempt) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      try {
        attempt.run();
        return;
      } catch (IOException failure) {
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(what + " failed for " + patience.toSeconds() + " s: " + failure.getMessage(), failure);
        }
        Thread.sleep(INTERVAL);
      }
    }
  }
}
