package dev.baton.link;

import java.time.Duration;

/**
 * The waits between reconnection attempts: the minimum first, doubling up to the maximum, back to
 * the minimum once a connection has completed its HELLO. Doubling keeps a node that is down for
 * minutes from being hammered, while a node that just restarted is found again within the
 * minimum. Used by the client's connection thread only.
 */
final class Backoff {

  private final long minNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = minNanos;
  }

  /** The wait before the next attempt; the one after it is twice as long, up to the maximum. */
  Duration next() {
    long wait = nextNanos;
    nextNanos = nextNanos > maxNanos / 2 ? maxNanos : nextNanos * 2;
    return Duration.ofNanos(wait);
  }

  /** A connection succeeded: the next failure waits the minimum again. */
  void reset() {
    nextNanos = minNanos;
  }
}
