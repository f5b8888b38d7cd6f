package dev.baton.operations.status;

/**
 * The rate of a counter that only grows, from two readings: per second over the interval between
 * the last two readings. A counter that went back (its source restarted) starts over at 0.
 * Thread-safe.
 */
final class CounterRate {

  private long lastTotal = -1;
  private long lastNanos;
  private double perSecond;

  /** Records a reading taken at {@code nanos} (a monotonic clock); returns the rate since the previous. */
  synchronized double observe(long total, long nanos) {
    if (lastTotal >= 0 && total >= lastTotal && nanos > lastNanos) {
      perSecond = (total - lastTotal) * 1e9 / (nanos - lastNanos);
    } else {
      perSecond = 0;
    }
    lastTotal = total;
    lastNanos = nanos;
    return perSecond;
  }

  synchronized double perSecond() {
    return perSecond;
  }
}
