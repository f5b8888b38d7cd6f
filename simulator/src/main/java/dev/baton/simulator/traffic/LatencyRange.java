package dev.baton.simulator.traffic;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long an issuer takes to answer: a fixed delay, or uniform between two bounds. */
public record LatencyRange(Duration min, Duration max) {

  public static final LatencyRange NONE = new LatencyRange(Duration.ZERO, Duration.ZERO);

  public LatencyRange {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("latency range " + min + ".." + max + " is empty");
    }
  }

  /** A delay drawn for one answer, in nanoseconds. */
  public long pickNanos(RandomGenerator random) {
    long low = min.toNanos();
    long high = max.toNanos();
    return high == low ? low : random.nextLong(low, high + 1);
  }

  @Override
  public String toString() {
    return min.equals(max) ? min.toMillis() + "ms" : min.toMillis() + "ms.." + max.toMillis() + "ms";
  }
}
