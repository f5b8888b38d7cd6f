package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler slice the switch's servers ask the kernel for: how long a thread may run before
 * another that is due takes the processor. Linux (6.12 and later) lets a thread ask for a slice
 * shorter than the default ({@code sched_setattr}'s {@code sched_runtime} for normal threads, 0.1
 * to 100 ms); a thread that wakes with a shorter slice than the running one's takes the
 * processor at once instead of waiting for the running one's slice to end. An authorization
 * crosses a dozen threads on its way through the edge and a node and back, each woken by the one
 * before; with the default slice (1.4 ms on this machine's 2 cores), each could wait behind
 * whatever else had just been given the processor. In first benchmark runs after {@code ./baton
 * up} with no steal by the host, p99 at 1,800 TPS was 3.2 and 3.7 ms with 0.1 ms slices and 4.9
 * and 5.2 ms with the default (simulator/README.md).
 *
 * <p>The slice is asked for in the process the launcher starts, before it becomes the server's
 * start script (see {@link ManagedProcess}); every thread of the server's JVM inherits it. A
 * kernel without custom slices accepts the request and leaves the default.
 */
final class SchedulerSlice {

  /** 0.1 ms, the shortest the kernel grants. */
  static final int DEFAULT_MICROS = 100;

  static final int MIN_MICROS = 100;
  static final int MAX_MICROS = 100_000;

  private static final Pattern SLICE_LINE = Pattern.compile("(?m)^se\\.slice\\s*:\\s*(\\d+)\\s*$");

  private SchedulerSlice() {}

  /**
   * The slice from BATON_SLICE_MICROS, or {@link #DEFAULT_MICROS}; 0 for the kernel's default.
   * Refuses what the kernel would not grant.
   */
  static int fromEnvironment(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_MICROS;
    }
    try {
      int micros = Integer.parseInt(value.strip());
      if (micros == 0 || (micros >= MIN_MICROS && micros <= MAX_MICROS)) {
        return micros;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("BATON_SLICE_MICROS must be 0 (the kernel's default) or a"
        + " whole number from " + MIN_MICROS + " to " + MAX_MICROS + ", not '" + value + "'");
  }

  /**
   * The numbers of the {@code sched_getattr} and {@code sched_setattr} system calls on {@code
   * arch} (as {@code os.arch} names it), or none where the launcher does not know them.
   */
  static List<Integer> systemCalls(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> List.of(315, 314);
      case "aarch64", "arm64", "riscv64" -> List.of(275, 274);
      default -> List.of();
    };
  }

  /**
   * What {@link ManagedProcess}'s wrapper is given: the slice in microseconds (0: the kernel's
   * default) and the two system call numbers, all 0 where those are not known.
   */
  static List<String> wrapperArguments(int micros, String arch) {
    List<Integer> calls = systemCalls(arch);
    if (calls.isEmpty()) {
      return List.of("0", "0", "0");
    }
    return List.of(Integer.toString(micros), calls.get(0).toString(), calls.get(1).toString());
  }

  /** The slice, in nanoseconds, of process {@code pid}'s main thread, as the kernel shows it. */
  static OptionalLong ofProcess(long pid) {
    try {
      Matcher line = SLICE_LINE.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "sched")));
      return line.find() ? OptionalLong.of(Long.parseLong(line.group(1))) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
