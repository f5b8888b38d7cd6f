package dev.baton.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchedulerSliceTest {

  private static final Pattern SLICE = Pattern.compile("(?m)^se\\.slice\\s*:\\s*(\\d+)\\s*$");

  @Test
  void aThreadThatAsksForASliceGetsItAndTheThreadsItStartsInheritIt() throws Exception {
    OptionalLong before = ownSlice();
    assumeTrue(before.isPresent(), "this kernel shows its scheduler slices (/proc/thread-self/sched)");
    assumeTrue(before.getAsLong() != 300_000, "the default differs from the slice asked for");
    AtomicReference<Object> asker = new AtomicReference<>();
    AtomicReference<Object> started = new AtomicReference<>();
    // On threads of their own: the test's thread keeps its slice.
    Thread thread = Thread.ofPlatform().start(() -> {
      Optional<String> refused = SchedulerSlice.request(300);
      asker.set(refused.isPresent() ? refused.get() : ownSlice());
      Thread child = Thread.ofPlatform().start(() -> started.set(ownSlice()));
      try {
        child.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    thread.join();

    assertEquals(OptionalLong.of(300_000), asker.get(), "the asking thread's slice");
    assertEquals(OptionalLong.of(300_000), started.get(), "a thread it started afterwards");
    assertEquals(before, ownSlice(), "other threads keep theirs");
  }

  @Test
  void zeroGoesBackToTheKernelsDefaultAndAProcessStartedWhileDefaultInheritsTheDefault()
      throws Exception {
    OptionalLong before = ownSlice();
    assumeTrue(before.isPresent(), "this kernel shows its scheduler slices (/proc/thread-self/sched)");
    assumeTrue(before.getAsLong() != 300_000, "the default differs from the slice asked for");
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread thread = Thread.ofPlatform().start(() -> {
      try {
        assertEquals(Optional.empty(), SchedulerSlice.request(300));
        long[] slices = new long[3];
        slices[0] = ownSlice().orElse(-1);
        // A process started meanwhile, and the slice it was started with.
        String started = SchedulerSlice.whileDefault(() -> {
          Process shell = new ProcessBuilder("sh", "-c", "grep se.slice /proc/$$/sched").start();
          return new String(shell.getInputStream().readAllBytes()).strip();
        });
        slices[1] = Long.parseLong(started.replaceAll("\\D+", ""));
        slices[2] = ownSlice().orElse(-1);
        assertEquals(Optional.empty(), SchedulerSlice.request(0));
        seen.set(new long[] {slices[0], slices[1], slices[2], ownSlice().orElse(-1)});
      } catch (Throwable e) {
        seen.set(e);
      }
    });
    thread.join();

    assertArrayEquals(
        new long[] {300_000, before.getAsLong(), 300_000, before.getAsLong()},
        (long[]) seen.get(),
        "asked for, a process started while default, asked for again, back to the default: " + seen.get());
  }

  @Test
  void readsTheSliceFromTheEnvironmentAndRefusesWhatTheKernelWouldNotGrant() {
    assertEquals(SchedulerSlice.DEFAULT_MICROS, SchedulerSlice.fromEnvironment(null));
    assertEquals(SchedulerSlice.DEFAULT_MICROS, SchedulerSlice.fromEnvironment(""));
    assertEquals(0, SchedulerSlice.fromEnvironment("0"));
    assertEquals(2_000, SchedulerSlice.fromEnvironment("2000"));
    for (String wrong : List.of("50", "100001", "-1", "1ms")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> SchedulerSlice.fromEnvironment(wrong));
      assertTrue(refused.getMessage().endsWith("not '" + wrong + "'"), refused.getMessage());
    }
  }

  @Test
  void knowsTheSystemCallsOfLinuxOnItsCommonArchitecturesOnly() {
    assertArrayEquals(new long[] {315, 314}, SchedulerSlice.systemCalls("Linux", "amd64").orElseThrow());
    assertArrayEquals(new long[] {275, 274}, SchedulerSlice.systemCalls("Linux", "aarch64").orElseThrow());
    assertTrue(SchedulerSlice.systemCalls("Linux", "s390x").isEmpty());
    assertTrue(SchedulerSlice.systemCalls("Mac OS X", "aarch64").isEmpty());
  }

  /** The calling thread's slice in nanoseconds, as the kernel shows it. */
  private static OptionalLong ownSlice() {
    try {
      Matcher line = SLICE.matcher(Files.readString(Path.of("/proc/thread-self/sched")));
      return line.find() ? OptionalLong.of(Long.parseLong(line.group(1))) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
