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

  private final long[] ticks;

  private MachineLoad(long[] ticks) {
    this.ticks = ticks;
  }

  /** The counters now; empty where there is no {@code /proc/stat}. */
  static Optional<MachineLoad> now() {
    try {
      return parse(Files.readAllLines(STAT).getFirst()).map(MachineLoad::new);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
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
