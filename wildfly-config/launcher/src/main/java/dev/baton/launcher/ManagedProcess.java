package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server process the launcher starts and outlives: run in a process group of its own (so the
 * whole group can be stopped, scripts and their JVMs alike, and a Ctrl-C or Ctrl-Z in the
 * terminal that started it does not reach it), output to a log file, its pid in a pid file.
 *
 * <p>The group stays in the caller's session, not in a new one: where the kernel groups processes
 * for the scheduler by session ("autogroup", on by default in Debian's kernels and many others),
 * each session is given an equal share of the processors at every instant, whatever its threads'
 * priorities. With a session per server, a node's collector (at a lower priority, see
 * {@link CollectorPriority}) weighed as much as the whole edge, and the edge, the busiest of the
 * servers, was held back whenever it had taken more than its share: while a node collected, the
 * edge's 100 ms timers fired up to 136 ms late and answers came back up to 255 ms late. With the
 * servers in the session of the shell that starts them (the bench's too, when run from there), the
 * first bench after a start held 16,000 authorizations a second where it had held 3,000
 * (simulator/README.md).
 */
final class ManagedProcess {

  private ManagedProcess() {}

  /**
   * Makes the process a process group of its own, asks for its scheduler slice (see {@link
   * SchedulerSlice}; a request the kernel refuses is said in the log and the process runs with
   * the default), then becomes {@code command} (same pid). Its first three arguments are the
   * slice in microseconds (0: the kernel's default) and the numbers of {@code sched_getattr} and
   * {@code sched_setattr}, 0 where they are not known (nothing is asked for then). Perl is part of every Debian system (perl-base is essential); util-linux has
   * no command for a group without a new session, nor one that asks for a slice.
   */
  static final List<String> OWN_PROCESS_GROUP = List.of(
      "perl", "-e",
      String.join(" ",
          "setpgrp(0, 0) or die \"setpgrp: $!\\n\";",
          "my ($slice, $get, $set) = map { $_ + 0 } splice(@ARGV, 0, 3);",
          "if ($get > 0) {",
          "  my $attr = \"\\0\" x 56;",
          "  if (syscall($get, 0, $attr, 56, 0) != 0) {",
          "    warn \"cannot read the scheduler attributes: $!\\n\";",
          "  } else {",
          "    my @a = unpack(\"LLQlLQQQ\", $attr);",
          // SCHED_OTHER or SCHED_BATCH: the policies whose sched_runtime is the slice
          "    if ($a[1] == 0 || $a[1] == 3) {",
          "      @a[0, 2, 5] = (48, 0, $slice * 1000);",
          "      syscall($set, 0, pack(\"LLQlLQQQ\", @a[0 .. 7]), 0) == 0",
          "        or warn \"cannot ask for a scheduler slice of $slice microseconds: $!\\n\";",
          "    }",
          "  }",
          "}",
          "exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\";"),
      "--");

  /**
   * Starts {@code command} detached, its threads asking for scheduler slices of {@code
   * sliceMicros} (0: the kernel's default); returns its pid, which is also its process group id.
   */
  static long start(List<String> command, Map<String, String> environment, Path log, Path pidFile,
      int sliceMicros) throws IOException {
    Files.createDirectories(log.getParent());
    Files.createDirectories(pidFile.getParent());
    List<String> detached = new ArrayList<>(OWN_PROCESS_GROUP);
    detached.addAll(SchedulerSlice.wrapperArguments(sliceMicros, System.getProperty("os.arch")));
    detached.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(detached)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    Files.writeString(pidFile, Long.toString(process.pid()));
    return process.pid();
  }

  /** The live process recorded in {@code pidFile}, if any. */
  static Optional<ProcessHandle> running(Path pidFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      // the pid is the first line (PostgreSQL's postmaster.pid has more after it)
      long pid = Long.parseLong(Files.readString(pidFile).strip().lines().findFirst().orElse(""));
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops the process group recorded in {@code pidFile}: SIGTERM, then SIGKILL if it has not
   * ended within {@code grace}. Returns true if something was running.
   */
  static boolean stop(Path pidFile, Duration grace) throws IOException {
    Optional<ProcessHandle> process = running(pidFile);
    if (process.isEmpty()) {
      Files.deleteIfExists(pidFile);
      return false;
    }
    long pid = process.get().pid();
    List<ProcessHandle> tree = new ArrayList<>(process.get().descendants().toList());
    tree.add(process.get());
    signalGroup("TERM", pid);
    if (!awaitExit(tree, grace)) {
      signalGroup("KILL", pid);
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, Duration.ofSeconds(10));
    }
    Files.deleteIfExists(pidFile);
    return true;
  }

  private static void signalGroup(String signal, long pgid) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while signalling process group " + pgid, e);
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
        return true;
      }
      Polling.pause();
    }
    return processes.stream().noneMatch(ProcessHandle::isAlive);
  }
}
