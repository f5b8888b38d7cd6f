package dev.baton.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How busy the whole machine was during a step, from Linux's {@code /proc/stat}: the share of all
 * processors' time that was busy, and the share a virtual machine's host took away ("steal").
 * Every process of the bench and of the switch runs on the same processors, so a step on a
 * machine whose host steals a third of its time measures the host, not the switch; the bench
 * prints both beside each step so that a reader can tell.
 */
public final class MachineLoad {

  private static final Path STAT = Path.of("/proc/stat");

  /** The kernel's unit for these counters ({@code USER_HZ}): 100 a second on every Linux. */
  static final int TICKS_PER_SECOND = 100;

  private final long[] ticks;
  private final int processors;

  private MachineLoad(long[] ticks, int processors) {
    this.ticks = ticks;
    this.processors = processors;
  }

  /** The counters now; empty where there is no {@code /proc/stat}. */
  static Optional<MachineLoad> now() {
    try {
      java.util.List<String> lines = Files.readAllLines(STAT);
      int processors = (int) lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
      return parse(lines.getFirst()).map(ticks -> new MachineLoad(ticks, processors));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** How many processors the counters add up (the lines {@code cpu0}, {@code cpu1}, ...). */
  int processors() {
    return processors;
  }

  /**
   * The aggregate line's counters: user, nice, system, idle, iowait, irq, softirq, steal (later
   * ones, guest time, are already counted in user and nice).
   */
  static Optional<long[]> parse(String line) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 9 || !fields[0].equals("cpu")) {
      return Optional.empty();
    }
    long[] ticks = new long[8];
    for (int i = 0; i < 8; i++) {
      ticks[i] = Long.parseLong(fields[i + 1]);
    }
    return Optional.of(ticks);
  }

  /** The counters: user, nice, system, idle, iowait, irq, softirq, steal. */
  long[] ticks() {
    return ticks.clone();
  }

  /**
   * @param busy share of processor time not idle (steal included), 0 to 1
   * @param steal share of processor time the host took, 0 to 1
   */
  public record Share(double busy, double steal) {

    /**
     * The shares over {@code elapsed} on {@code processors}, from the idle and stolen time alone.
     * Where the kernel counts busy time by its timer tick and stops the tick on an idle processor
     * (this machine's: 250 ticks a second, tickless idle), a load that wakes the processors
     * briefly and in step with the tick is missed by the tick: a 10 s step at 1,000 TPS (a request
     * every millisecond, every fourth tick) once read 6 % busy while the processes' own times
     * (measured exactly) added up to 29 %. Idle time is measured exactly, so what was not idle,
     * out of the time that passed, is what was busy.
     */
    static Optional<Share> overTime(long[] before, long[] after, java.time.Duration elapsed,
        int processors) {
      double available = elapsed.toNanos() / 1e9 * TICKS_PER_SECOND * processors;
      if (available <= 0) {
        return Optional.empty();
      }
      long idle = (after[3] - before[3]) + (after[4] - before[4]);
      long steal = after[7] - before[7];
      return Optional.of(new Share(
          Math.clamp(1 - idle / available, 0.0, 1.0), Math.clamp(steal / available, 0.0, 1.0)));
    }

    static Optional<Share> between(long[] before, long[] after) {
      long total = 0;
      for (int i = 0; i < before.length; i++) {
        total += after[i] - before[i];
      }
      if (total <= 0) {
        return Optional.empty();
      }
      long idle = (after[3] - before[3]) + (after[4] - before[4]);
      long steal = after[7] - before[7];
      return Optional.of(new Share((total - idle) / (double) total, steal / (double) total));
    }
  }
}
