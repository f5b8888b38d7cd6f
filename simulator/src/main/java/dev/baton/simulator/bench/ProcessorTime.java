package dev.baton.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a step's processor time went, from Linux's {@code /proc}: the user and system time of
 * each process named (a process counts with its descendants, so a server started by a shell
 * script counts its JVM), and of every process on the machine, so that what none of the named
 * ones used shows as the rest. Divided by the requests the step sent, it says what one
 * authorization cost each process of the path: the profile of where the time goes, in every step
 * of every run.
 *
 * <p>The machine's whole is the sum over its processes, not {@code /proc/stat}'s busy time: a
 * process's times are its exact run time, while the machine's counters are sampled at each clock
 * tick, and on processors that wake and sleep thousands of times a second between ticks they miss
 * work: at 1,000 TPS through Baton here they said 17 % busy where the processes' own times came to
 * 29 % of the two processors.
 */
public final class ProcessorTime {

  private static final Path PROC = Path.of("/proc");

  /**
   * Linux's clock ticks per second in {@code /proc} ({@code getconf CLK_TCK}): 100 on every
   * architecture Baton runs on.
   */
  static final int TICKS_PER_SECOND = 100;

  /** Per process named: user and system ticks, the process's and its descendants'. */
  private final Map<String, long[]> named;
  /** Every process's user plus system ticks, by pid. */
  private final Map<Long, Long> everyProcess;

  ProcessorTime(Map<String, long[]> named, Map<Long, Long> everyProcess) {
    this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    this.everyProcess = Map.copyOf(everyProcess);
  }

  /**
   * The counters now, for {@code pids} by name (in the order given); empty where there is no
   * {@code /proc}. A process that is gone is left out.
   */
  static Optional<ProcessorTime> now(Map<String, Long> pids) {
    // One reading of every process: the named ones and their children are summed from it too.
    Map<Long, long[]> read = new HashMap<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries.map(entry -> entry.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .forEach(pid -> ticksOf(pid).ifPresent(ticks -> read.put(pid, ticks)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Map<Long, Long> every = new HashMap<>();
    read.forEach((pid, ticks) -> every.put(pid, ticks[0] + ticks[1]));
    Map<String, long[]> times = new LinkedHashMap<>();
    Set<Long> apart = new HashSet<>(pids.values());
    pids.forEach((name, pid) ->
        treeTicks(pid, apart, read).ifPresent(ticks -> times.put(name, ticks)));
    return Optional.of(new ProcessorTime(times, every));
  }

  /** User and system ticks of the process named {@code name} at this sample, if it was there. */
  Optional<long[]> ticks(String name) {
    return Optional.ofNullable(named.get(name)).map(long[]::clone);
  }

  /**
   * User and system ticks of {@code pid} and its descendants, as {@code read}, but for those named
   * on their own ({@code apart}: the bench's JVM starts the baseline's relays, which count apart);
   * empty when it is gone.
   */
  private static Optional<long[]> treeTicks(long pid, Set<Long> apart, Map<Long, long[]> read) {
    long[] own = read.get(pid);
    if (own == null) {
      return Optional.empty();
    }
    long[] sum = own.clone();
    ProcessHandle.of(pid).ifPresent(root -> addChildren(root, apart, read, sum));
    return Optional.of(sum);
  }

  private static void addChildren(
      ProcessHandle parent, Set<Long> apart, Map<Long, long[]> read, long[] sum) {
    try (Stream<ProcessHandle> children = parent.children()) {
      children.filter(child -> !apart.contains(child.pid())).forEach(child -> {
        long[] ticks = read.get(child.pid());
        if (ticks != null) {
          sum[0] += ticks[0];
          sum[1] += ticks[1];
        }
        addChildren(child, apart, read, sum);
      });
    }
  }

  private static Optional<long[]> ticksOf(long pid) {
    try {
      return parseProcessStat(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The user and system ticks (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command
   * name, field 2, is in parentheses and may itself hold spaces and parentheses, so the fields are
   * counted from the last closing one.
   */
  static Optional<long[]> parseProcessStat(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] after = line.substring(close + 1).trim().split("\\s+");
    // after[0] is field 3 (the state): field n is after[n - 3].
    if (after.length < 13) {
      return Optional.empty();
    }
    try {
      return Optional.of(new long[] {Long.parseLong(after[11]), Long.parseLong(after[12])});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * What each process and the whole machine used from this sample to {@code later}, per request
   * of the {@code requests} sent meanwhile; empty when no request was sent. A process that ended
   * in between takes what it used with it; one that began counts whole.
   */
  Optional<Split> until(ProcessorTime later, long requests) {
    if (requests <= 0) {
      return Optional.empty();
    }
    double perRequest = 1e6 / TICKS_PER_SECOND / requests;
    List<Share> shares = new ArrayList<>();
    double namedMicros = 0;
    for (Map.Entry<String, long[]> entry : named.entrySet()) {
      long[] after = later.named.get(entry.getKey());
      if (after == null) {
        continue;
      }
      Share share = new Share(entry.getKey(),
          (after[0] - entry.getValue()[0]) * perRequest,
          (after[1] - entry.getValue()[1]) * perRequest);
      shares.add(share);
      namedMicros += share.userMicros() + share.systemMicros();
    }
    long all = 0;
    for (Map.Entry<Long, Long> process : later.everyProcess.entrySet()) {
      // A pid reused by a new process in between would read lower: it counts from zero then.
      long before = everyProcess.getOrDefault(process.getKey(), 0L);
      all += process.getValue() >= before ? process.getValue() - before : process.getValue();
    }
    double allMicros = all * perRequest;
    return Optional.of(new Split(shares, Math.max(0, allMicros - namedMicros), allMicros));
  }

  /** Processor time per request, microseconds. */
  public record Share(String name, double userMicros, double systemMicros) {}

  /**
   * @param processes each named process's share, in the order named
   * @param restMicros what the machine's other processes used (the kernel's own threads among them)
   * @param allMicros what every process on the machine used
   */
  public record Split(List<Share> processes, double restMicros, double allMicros) {

    public Split {
      processes = List.copyOf(processes);
    }
  }
}
