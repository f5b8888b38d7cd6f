package dev.baton.simulator.acquirer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Answer latency over the time of a run, in windows of {@link #WINDOW_MILLIS} by the time each
 * request was due: the one figure that tells a switch's stall (every request of a few windows
 * late) from a queue (every window a little late), and when the stall was, to set beside the
 * servers' logs. Each window also counts its answers and those slower than a run's tail limit, so
 * that a step's tail can be set beside what the machine's host took in the same windows.
 */
public final class LatencyTimeline {

  /** Width of one window. */
  public static final long WINDOW_MILLIS = 100;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);

  private final long startNanos;
  private final Instant startInstant;
  private final long tailMicros;
  private final AtomicLongArray maxMicros;
  private final AtomicIntegerArray answers;
  private final AtomicIntegerArray slowerThanTail;

  /**
   * @param startNanos when the run's first request was due ({@link System#nanoTime()})
   * @param startInstant the same moment on the wall clock
   * @param runNanos how long the paced sending lasts
   * @param tailMicros answers slower than this are counted per window
   */
  LatencyTimeline(long startNanos, Instant startInstant, long runNanos, long tailMicros) {
    this.startNanos = startNanos;
    this.startInstant = startInstant;
    this.tailMicros = tailMicros;
    int windows = (int) Math.max(1, (runNanos + WINDOW_NANOS - 1) / WINDOW_NANOS);
    this.maxMicros = new AtomicLongArray(windows);
    this.answers = new AtomicIntegerArray(windows);
    this.slowerThanTail = new AtomicIntegerArray(windows);
  }

  /** An answer whose request was due at {@code dueNanos} came {@code latencyMicros} after. */
  void record(long dueNanos, long latencyMicros) {
    long index = Math.floorDiv(dueNanos - startNanos, WINDOW_NANOS);
    if (index < 0 || index >= maxMicros.length()) {
      return;
    }
    maxMicros.accumulateAndGet((int) index, latencyMicros, Math::max);
    answers.incrementAndGet((int) index);
    if (latencyMicros > tailMicros) {
      slowerThanTail.incrementAndGet((int) index);
    }
  }

  /** The windows as they stand: the slowest answer due in each, 0 where none came. */
  public Windows snapshot() {
    int length = maxMicros.length();
    long[] slowest = new long[length];
    int[] answered = new int[length];
    int[] slower = new int[length];
    for (int i = 0; i < length; i++) {
      slowest[i] = maxMicros.get(i);
      answered[i] = answers.get(i);
      slower[i] = slowerThanTail.get(i);
    }
    return new Windows(startInstant, slowest, answered, tailMicros, slower);
  }

  /**
   * The slowest answer of each window of a run, and how many answers it had in all and slower
   * than the tail limit.
   *
   * @param start when the first window began, on the wall clock
   * @param maxMicros per window, in order, the slowest answer to a request due in it (µs)
   * @param answers per window, the answers to requests due in it
   * @param tailMicros the tail limit of {@code slowerThanTail}
   * @param slowerThanTail per window, the answers slower than {@code tailMicros}
   */
  public record Windows(Instant start, long[] maxMicros, int[] answers, long tailMicros,
      int[] slowerThanTail) {

    /** No windows: a run that recorded none. */
    public static final Windows NONE = new Windows(Instant.EPOCH, new long[0]);

    /** Windows known only by their slowest answers (no counts; no tail). */
    public Windows(Instant start, long[] maxMicros) {
      this(start, maxMicros, new int[maxMicros.length], Long.MAX_VALUE,
          new int[maxMicros.length]);
    }

    public Windows {
      if (answers.length != maxMicros.length || slowerThanTail.length != maxMicros.length) {
        throw new IllegalArgumentException("one count of each kind per window");
      }
    }

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
