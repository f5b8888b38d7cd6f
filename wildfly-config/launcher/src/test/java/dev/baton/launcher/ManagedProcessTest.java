package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class ManagedProcessTest {

  @TempDir Path dir;

  /** A script with a child that runs until stopped, as standalone.sh runs its JVM. */
  private static final List<String> SCRIPT_WITH_CHILD =
      List.of("sh", "-c", "tail -f /dev/null & echo child $! ; wait");

  @Test
  void aServerGetsAProcessGroupOfItsOwnInTheCallersSessionAndSchedulingGroup() throws Exception {
    Path pidFile = dir.resolve("run/server.pid");
    long pid = ManagedProcess.start(SCRIPT_WITH_CHILD, Map.of(), dir.resolve("logs/server.log"), pidFile, 0);
    try {
      assertEquals(Long.toString(pid), Files.readString(pidFile));
      Stat server = awaitCommand(pid, "sh");
      Stat self = Stat.of(ProcessHandle.current().pid());
      assertEquals(pid, server.processGroup(), "the server leads a process group of its own");
      assertEquals(self.session(), server.session(),
          "the server stays in the caller's session (a new session is a scheduling group of its own)");
      Path autogroup = Path.of("/proc/self/autogroup");
      if (Files.isReadable(autogroup)) {
        assertEquals(
            Files.readString(autogroup).strip(),
            Files.readString(Path.of("/proc/" + pid + "/autogroup")).strip(),
            "the server shares the caller's autogroup");
      }
    } finally {
      ManagedProcess.stop(pidFile, Duration.ofSeconds(10));
    }
  }

  @Test
  void stopEndsTheScriptAndItsChildAndRemovesThePidFile() throws Exception {
    Path pidFile = dir.resolve("run/server.pid");
    Path log = dir.resolve("logs/server.log");
    long pid = ManagedProcess.start(SCRIPT_WITH_CHILD, Map.of(), log, pidFile, 0);
    awaitCommand(pid, "sh");
    long child = awaitChildPid(log);
    ProcessHandle script = ProcessHandle.of(pid).orElseThrow();
    ProcessHandle tail = ProcessHandle.of(child).orElseThrow();
    assertEquals(pid, Stat.of(child).processGroup(), "the child is in the server's group");

    assertTrue(ManagedProcess.stop(pidFile, Duration.ofSeconds(10)), "something was running");

    assertFalse(script.isAlive(), "the script ended");
    assertFalse(tail.isAlive(), "its child ended with it");
    assertFalse(Files.exists(pidFile), "the pid file is gone");
    assertFalse(ManagedProcess.stop(pidFile, Duration.ofSeconds(1)), "a second stop finds nothing");
  }

  @Test
  void aCommandThatCannotRunEndsWithItsReasonInTheLog() throws Exception {
    Path pidFile = dir.resolve("run/server.pid");
    Path log = dir.resolve("logs/server.log");
    long pid = ManagedProcess.start(List.of(dir.resolve("no-such-server").toString()), Map.of(), log, pidFile, 0);
    ProcessHandle process = ProcessHandle.of(pid).orElse(null);
    if (process != null) {
      process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    String written = Files.readString(log);
    assertTrue(written.contains("cannot run " + dir.resolve("no-such-server")), written);
    assertTrue(ManagedProcess.running(pidFile).isEmpty(), "nothing runs under that pid file");
  }

  @Test
  void aServerAndTheProcessesItStartsRunWithTheSchedulerSliceAskedFor() throws Exception {
    long ownSlice = SchedulerSlice.ofProcess(ProcessHandle.current().pid()).orElse(-1);
    assumeTrue(ownSlice > 0, "this kernel shows its scheduler slices (se.slice in /proc/PID/sched)");
    assumeTrue(ownSlice != 250_000, "the caller's own slice differs from the one asked for");
    Path pidFile = dir.resolve("run/server.pid");
    Path log = dir.resolve("logs/server.log");
    long pid = ManagedProcess.start(SCRIPT_WITH_CHILD, Map.of(), log, pidFile, 250);
    try {
      awaitCommand(pid, "sh");
      long child = awaitChildPid(log);
      assertEquals(250_000, SchedulerSlice.ofProcess(pid).orElseThrow(), "the script's slice");
      assertEquals(250_000, SchedulerSlice.ofProcess(child).orElseThrow(), "inherited by its child");
      assertEquals(ownSlice, SchedulerSlice.ofProcess(ProcessHandle.current().pid()).orElseThrow(),
          "the caller keeps its own");
      assertFalse(Files.readString(log).contains("cannot"), Files.readString(log));
    } finally {
      ManagedProcess.stop(pidFile, Duration.ofSeconds(10));
    }
  }

  @Test
  void withZeroAServerRunsWithTheKernelsDefaultSlice() throws Exception {
    // The build's JVM runs with the kernel's default: nothing asks for another.
    long ownSlice = SchedulerSlice.ofProcess(ProcessHandle.current().pid()).orElse(-1);
    assumeTrue(ownSlice > 0, "this kernel shows its scheduler slices (se.slice in /proc/PID/sched)");
    Path pidFile = dir.resolve("run/server.pid");
    long pid = ManagedProcess.start(SCRIPT_WITH_CHILD, Map.of(), dir.resolve("logs/server.log"), pidFile, 0);
    try {
      awaitCommand(pid, "sh");
      assertEquals(ownSlice, SchedulerSlice.ofProcess(pid).orElseThrow());
    } finally {
      ManagedProcess.stop(pidFile, Duration.ofSeconds(10));
    }
  }

  /** Waits until {@code pid} runs {@code command}, not the program that starts it. */
  private static Stat awaitCommand(long pid, String command) throws IOException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      Optional<Stat> stat = Stat.read(pid);
      if (stat.isPresent() && stat.get().command().equals(command)) {
        return stat.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("process " + pid + " did not become " + command + ": " + stat);
      }
      Polling.pause();
    }
  }

  /** The pid the script wrote to the log as "child N". */
  private static long awaitChildPid(Path log) throws IOException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      Optional<String> line = Files.exists(log)
          ? Files.readAllLines(log).stream().filter(l -> l.startsWith("child ")).findFirst()
          : Optional.empty();
      if (line.isPresent()) {
        return Long.parseLong(line.get().substring("child ".length()).strip());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the script did not report its child: " + Files.readString(log));
      }
      Polling.pause();
    }
  }

  /** Fields of /proc/PID/stat: the command name, process group and session. */
  private record Stat(String command, long processGroup, long session) {

    static Stat of(long pid) throws IOException {
      return read(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    }

    static Optional<Stat> read(long pid) throws IOException {
      Path file = Path.of("/proc/" + pid + "/stat");
      String line;
      try {
        line = Files.readString(file);
      } catch (java.nio.file.NoSuchFileException e) {
        return Optional.empty();
      }
      // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses
      String command = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
      String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Optional.of(new Stat(command, Long.parseLong(rest[2]), Long.parseLong(rest[3])));
    }
  }
}
