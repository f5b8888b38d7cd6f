package dev.baton.simulator.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's processor counters ({@code /proc/stat}) read every {@link #PERIOD_MILLIS} while a
 * step runs, so that a stretch of late answers can be set beside what the machine's host did
 * meanwhile: on a virtual machine the host may take both processors away for a few hundred
 * milliseconds ("steal"), and every process of the bench and of the switch stops with them. A
 * step's own steal share spreads such a moment over ten seconds; a stretch's shows it.
 */
public final class MachineTimeline implements AutoCloseable {

  /** How often the counters are read: the width of the latency windows. */
  static final long PERIOD_MILLIS = 100;

  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean closed;

  private MachineTimeline() {
    sampler = sample()
        ? Thread.ofPlatform().daemon().name("bench-machine-timeline").start(this::sampleUntilClosed)
        : null;
  }

  /**
   * Reads the counters now, on the caller's thread, and then every {@link #PERIOD_MILLIS} until
   * {@link #close}; where there is no {@code /proc/stat} nothing is read and the samples are empty.
   */
  public static MachineTimeline start() {
    return new MachineTimeline();
  }

  private void sampleUntilClosed() {
    long period = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
    long next = System.nanoTime();
    while (!closed) {
      next += period;
      if (next - System.nanoTime() <= 0) {
        next = System.nanoTime(); // the machine stalled this thread too: go on from now
      }
      for (long wait = next - System.nanoTime(); wait > 0 && !closed;
          wait = next - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (!closed) {
        sample();
      }
    }
  }

  /** Reads the counters once; false where the system does not have them. */
  private boolean sample() {
    Optional<MachineLoad> load = MachineLoad.now();
    load.ifPresent(now -> {
      synchronized (samples) {
        samples.add(new Sample(Instant.now(), now.ticks(), now.processors()));
      }
    });
    return load.isPresent();
  }

  /** Stops reading after one last sample. */
  @Override
  public void close() {
    if (sampler == null || closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(sampler);
    try {
      sampler.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }

  /** What was read so far, in time order. */
  public Samples samples() {
    synchronized (samples) {
      return new Samples(List.copyOf(samples));
    }
  }

  /**
   * The counters at one moment: user, nice, system, idle, iowait, irq, softirq, steal; and how
   * many processors they add up (0: not known).
   */
  public record Sample(Instant at, long[] ticks, int processors) {

    public Sample(Instant at, long[] ticks) {
      this(at, ticks, 0);
    }
  }

  /** Samples in time order. */
  public record Samples(List<Sample> list) {

    /** None: a step measured where the system does not say. */
    public static final Samples NONE = new Samples(List.of());

    /**
     * The machine's shares from the first sample to the last: over the whole step. Where the
     * processors are known, from the idle and stolen time and the time that passed (see {@link
     * MachineLoad.Share#overTime}).
     */
    public Optional<MachineLoad.Share> whole() {
      if (list.size() < 2) {
        return Optional.empty();
      }
      Sample first = list.getFirst();
      Sample last = list.getLast();
      return first.processors() > 0
          ? MachineLoad.Share.overTime(first.ticks(), last.ticks(),
              java.time.Duration.between(first.at(), last.at()), first.processors())
          : MachineLoad.Share.between(first.ticks(), last.ticks());
    }

    /**
     * The machine's shares from the last sample at or before {@code from} (the first, if none is)
     * to the first at or after {@code to} (the last, if none is); empty with fewer than two samples
     * around the stretch.
     */
    public Optional<MachineLoad.Share> between(Instant from, Instant to) {
      if (list.size() < 2 || to.isBefore(from)) {
        return Optional.empty();
      }
      int first = 0;
      for (int i = 0; i < list.size() && !list.get(i).at().isAfter(from); i++) {
        first = i;
      }
      int last = list.size() - 1;
      for (int i = list.size() - 1; i >= 0 && !list.get(i).at().isBefore(to); i--) {
        last = i;
      }
      if (last <= first) {
        return Optional.empty();
      }
      return MachineLoad.Share.between(list.get(first).ticks(), list.get(last).ticks());
    }
  }
}
