package dev.baton.node;

import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How far apart a node's cluster writes of its in-flight contexts start (replication {@code
 * sync}): not at all while the processors the node runs on have room, and up to a bound as they
 * fill. A write costs the two nodes a few hundred microseconds of processor time whatever it
 * carries, so on busy processors fewer, fuller writes leave more time to the traffic; on idle ones
 * a context need not wait for company.
 *
 * <p>The spacing rises in a straight line from none at {@link #from} busy to the bound at {@link
 * #to} busy, read from {@code busy} (0 to 1; a negative value, for unknown, counts as idle) at most
 * every {@link #SAMPLE_MILLIS}. Thread-safe.
 */
final class WriteSpacing {

  /** Never spaced. */
  static final WriteSpacing NONE = new WriteSpacing(0, () -> 0);

  /** How often the processors' load is read: a reading is its average since the one before. */
  static final long SAMPLE_MILLIS = 250;

  /** Busy share below which writes are not spaced. */
  static final double FROM = 0.70;

  /** Busy share from which writes are spaced by the whole bound. */
  static final double TO = 0.90;

  private final long boundNanos;
  private final DoubleSupplier busy;
  private final Object lock = new Object();
  private long nextSample = Long.MIN_VALUE;
  private volatile long nanos;

  /**
   * @param boundMicros the most time between two writes' starts, in microseconds (0: never spaced)
   * @param busy the share of the processors in use since it was last asked, 0 to 1
   */
  WriteSpacing(long boundMicros, DoubleSupplier busy) {
    if (boundMicros < 0) {
      throw new IllegalArgumentException("a write spacing is not negative: " + boundMicros + " us");
    }
    this.boundNanos = TimeUnit.MICROSECONDS.toNanos(boundMicros);
    this.busy = java.util.Objects.requireNonNull(busy, "busy");
  }

  /** The spacing now, in nanoseconds. */
  long nanos() {
    return nanos;
  }

  /** Reads the processors' load when the last reading is {@link #SAMPLE_MILLIS} old; call often. */
  void sample(long nowMillis) {
    if (boundNanos == 0) {
      return;
    }
    synchronized (lock) {
      if (nowMillis < nextSample) {
        return;
      }
      nextSample = nowMillis + SAMPLE_MILLIS;
      nanos = spacingAt(busy.getAsDouble());
    }
  }

  /** The spacing for a busy share: none up to {@link #FROM}, the bound from {@link #TO}, a line between. */
  long spacingAt(double share) {
    if (!(share > FROM)) {
      return 0;
    }
    if (share >= TO) {
      return boundNanos;
    }
    return (long) (boundNanos * (share - FROM) / (TO - FROM));
  }

  @Override
  public String toString() {
    return boundNanos == 0
        ? "writes not spaced"
        : String.format(java.util.Locale.ROOT, "writes spaced up to %d us as the processors go from %.0f%% to %.0f%% busy",
            TimeUnit.NANOSECONDS.toMicros(boundNanos), FROM * 100, TO * 100);
  }
}
