package dev.baton.simulator.acquirer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Answer latency over the time of a run, in windows of {@link #WINDOW_MILLIS} by the time each
 * request was due: the one figure that tells a switch's stall (every request of a few windows
 * late) from a queue (every window a little late), and when the stall was, to set beside the
 * servers' logs.
 */
public final class LatencyTimeline {

  /** Width of one window. */
  public static final long WINDOW_MILLIS = 100;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);

  private final long startNanos;
  private final Instant startInstant;
  private final AtomicLongArray maxMicros;

  /**
   * @param startNanos when the run's first request was due ({@link System#nanoTime()})
   * @param startInstant the same moment on the wall clock
   * @param runNanos how long the paced sending lasts
   */
  LatencyTimeline(long startNanos, Instant startInstant, long runNanos) {
    this.startNanos = startNanos;
    this.startInstant = startInstant;
    this.maxMicros = new AtomicLongArray((int) Math.max(1, (runNanos + WINDOW_NANOS - 1)
        / WINDOW_NANOS));
  }

  /** An answer whose request was due at {@code dueNanos} came {@code latencyMicros} after. */
  void record(long dueNanos, long latencyMicros) {
    long index = Math.floorDiv(dueNanos - startNanos, WINDOW_NANOS);
    if (index < 0 || index >= maxMicros.length()) {
      return;
    }
    maxMicros.accumulateAndGet((int) index, latencyMicros, Math::max);
  }

  /** The windows as they stand: the slowest answer due in each, 0 where none came. */
  public Windows snapshot() {
    long[] copy = new long[maxMicros.length()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = maxMicros.get(i);
    }
    return new Windows(startInstant, copy);
  }

  /**
   * The slowest answer of each window of a run.
   *
   * @param start when the first window began, on the wall clock
   * @param maxMicros per window, in order, the slowest answer to a request due in it (µs)
   */
  public record Windows(Instant start, long[] maxMicros) {

    /** No windows: a run that recorded none. */
    public static final Windows NONE = new Windows(Instant.EPOCH, new long[0]);

    /** Index of the window with the slowest answer, -1 when there are none. */
    public int slowest() {
      int slowest = -1;
      for (int i = 0; i < maxMicros.length; i++) {
        if (maxMicros[i] > 0 && (slowest < 0 || maxMicros[i] > maxMicros[slowest])) {
          slowest = i;
        }
      }
      return slowest;
    }

    /** How many windows had an answer slower than {@code limitMicros}. */
    public int over(long limitMicros) {
      int over = 0;
      for (long max : maxMicros) {
        if (max > limitMicros) {
          over++;
        }
      }
      return over;
    }

    /**
     * The runs of consecutive windows with an answer slower than {@code limitMicros}, each as
     * {@code {first, last}} window indexes, in order.
     */
    public List<int[]> runsOver(long limitMicros) {
      List<int[]> runs = new ArrayList<>();
      for (int i = 0; i < maxMicros.length; i++) {
        if (maxMicros[i] <= limitMicros) {
          continue;
        }
        int[] last = runs.isEmpty() ? null : runs.getLast();
        if (last != null && last[1] == i - 1) {
          last[1] = i;
        } else {
          runs.add(new int[] {i, i});
        }
      }
      return runs;
    }

    /** When window {@code index} began, on the wall clock. */
    public Instant startOf(int index) {
      return start.plusMillis(index * WINDOW_MILLIS);
    }
  }
}
