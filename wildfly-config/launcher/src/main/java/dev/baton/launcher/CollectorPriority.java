package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the Z collector's threads of a server at a lower CPU priority (a higher nice value) than
 * the threads that switch authorizations. The collector works beside the application; on a
 * machine whose cores the servers share, each of its cycles took a core for a few hundred
 * milliseconds, and the authorizations that waited for that core meanwhile came back 50 to 300 ms
 * late. At a lower priority the collector takes the time the switch leaves; a 2 GiB heap gives it
 * tens of seconds of headroom at switch rates. A priority weighs only against threads of the same
 * session where the kernel schedules sessions as groups, hence the servers share one (see
 * {@link ManagedProcess}). Threads the collector starts later inherit the
 * priority from the collector's thread that starts them.
 *
 * <p>Linux only (threads are listed under {@code /proc}); elsewhere nothing is changed.
 */
final class CollectorPriority {

  /** How much lower, unless BATON_COLLECTOR_NICE says otherwise (0: leave them). */
  static final int DEFAULT_NICE = 10;

  /** ZGC's thread names: ZDirector, ZDriverMajor, ZDriverMinor, ZWorkerYoung#0, ZStat, ... */
  private static final Pattern COLLECTOR_THREAD = Pattern.compile("Z[A-Z][A-Za-z]+(#\\d+)?");

  private CollectorPriority() {}

  /** The nice value from the environment, or {@link #DEFAULT_NICE}; refuses what is not 0 to 19. */
  static int fromEnvironment(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_NICE;
    }
    try {
      int nice = Integer.parseInt(value.strip());
      if (nice >= 0 && nice <= 19) {
        return nice;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("BATON_COLLECTOR_NICE must be a whole number from 0 to 19, not '" + value + "'");
  }

  /**
   * Lowers the collector threads of the JVM that is {@code pid} or runs under it (a server's
   * start script) to {@code nice}.
   *
   * @return how many threads were changed; 0 when there is no such JVM, no collector thread, or
   *     {@code nice} is 0
   */
  static int lower(long pid, int nice) throws IOException {
    if (nice == 0) {
      return 0;
    }
    Optional<ProcessHandle> jvm = javaProcess(pid);
    if (jvm.isEmpty()) {
      return 0;
    }
    List<String> threads = collectorThreads(jvm.get().pid());
    if (threads.isEmpty()) {
      return 0;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
    command.addAll(threads);
    Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(renice.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!renice.waitFor(10, TimeUnit.SECONDS)) {
        renice.destroyForcibly();
        throw new IOException("renice did not finish within 10 s");
      }
      if (renice.exitValue() != 0) {
        throw new IOException("renice failed (exit " + renice.exitValue() + "): " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while lowering the collector's priority", e);
    }
    return threads.size();
  }

  /** The thread ids of the collector's threads of process {@code pid}. */
  static List<String> collectorThreads(long pid) throws IOException {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (Stream<Path> listed = Files.list(tasks)) {
      for (Path task : listed.toList()) {
        try {
          if (COLLECTOR_THREAD.matcher(Files.readString(task.resolve("comm")).strip()).matches()) {
            ids.add(task.getFileName().toString());
          }
        } catch (IOException ended) {
          // the thread ended while listed
        }
      }
    }
    return ids;
  }

  /** The JVM that is {@code pid} or runs under it. */
  static Optional<ProcessHandle> javaProcess(long pid) {
    return ProcessHandle.of(pid).stream()
        .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
        .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
        .findFirst();
  }
}
