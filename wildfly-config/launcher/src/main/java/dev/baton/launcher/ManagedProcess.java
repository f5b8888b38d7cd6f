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
 * A server process the launcher starts and outlives: run in a session of its own (so the whole
 * process group can be stopped, scripts and their JVMs alike), output to a log file, its pid in a
 * pid file.
 */
final class ManagedProcess {

  private ManagedProcess() {}

  /** Starts {@code command} detached; returns its pid, which is also its process group id. */
  static long start(List<String> command, Map<String, String> environment, Path log, Path pidFile)
      throws IOException {
    Files.createDirectories(log.getParent());
    Files.createDirectories(pidFile.getParent());
    List<String> detached = new ArrayList<>();
    detached.add("setsid");
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
