package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A step's processor time per request and process, from two readings of /proc. */
class ProcessorTimeTest {

  @Test
  void readsUserAndSystemTicksPastACommandNameWithSpacesAndParentheses() {
    String line = "4242 (java (edge) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1234 567 8 9 20 0 80"
        + " 0 1000 4096 512";

    assertArrayEquals(new long[] {1234, 567}, ProcessorTime.parseProcessStat(line).orElseThrow());
  }

  @Test
  void aTruncatedOrUnreadableStatLineGivesNothing() {
    assertEquals(Optional.empty(), ProcessorTime.parseProcessStat("4242 (java) S 1 2 3"));
    assertEquals(Optional.empty(), ProcessorTime.parseProcessStat("no parenthesis at all"));
    assertEquals(Optional.empty(),
        ProcessorTime.parseProcessStat("1 (x) S 1 1 1 0 -1 0 0 0 0 0 abc 5 0 0"));
  }

  @Test
  void ticksBecomeMicrosecondsPerRequestAndTheMachinesWholeIsEveryProcesssSum() {
    // Named edge (pid 10) and bench (pid 30); pid 20 is another process, pid 99 the kernel's.
    ProcessorTime before = new ProcessorTime(
        ordered("edge", new long[] {100, 200}, "bench", new long[] {50, 50}),
        Map.of(10L, 300L, 20L, 1_000L, 30L, 100L, 99L, 7L));
    ProcessorTime after = new ProcessorTime(
        ordered("edge", new long[] {120, 240}, "bench", new long[] {60, 60}),
        Map.of(10L, 360L, 20L, 1_015L, 30L, 120L, 99L, 12L));

    ProcessorTime.Split split = before.until(after, 1_000).orElseThrow();

    // A tick is 10,000 us: 10 us per request for each.
    assertEquals(List.of("edge", "bench"),
        split.processes().stream().map(ProcessorTime.Share::name).toList());
    assertEquals(200, split.processes().get(0).userMicros(), 1e-9);
    assertEquals(400, split.processes().get(0).systemMicros(), 1e-9);
    assertEquals(100, split.processes().get(1).userMicros(), 1e-9);
    assertEquals(100, split.processes().get(1).systemMicros(), 1e-9);
    assertEquals(1_000, split.allMicros(), 1e-9, "60 + 15 + 20 + 5 ticks");
    assertEquals(200, split.restMicros(), 1e-9);
  }

  @Test
  void aProcessThatEndedTakesItsTimeAlongAndOneThatBeganCountsWhole() {
    ProcessorTime before = new ProcessorTime(
        ordered("r1", new long[] {0, 0}, "r2", new long[] {0, 0}),
        Map.of(1L, 0L, 2L, 0L, 3L, 500L));
    // r2 (pid 2) and pid 3 ended during the step; pid 4 began and used 5 ticks.
    ProcessorTime after = new ProcessorTime(ordered("r1", new long[] {10, 0}),
        Map.of(1L, 10L, 4L, 5L));

    ProcessorTime.Split split = before.until(after, 100).orElseThrow();

    // 100 us per tick and request.
    assertEquals(List.of("r1"), split.processes().stream().map(ProcessorTime.Share::name).toList());
    assertEquals(1_000, split.processes().getFirst().userMicros(), 1e-9);
    assertEquals(1_500, split.allMicros(), 1e-9);
    assertEquals(500, split.restMicros(), 1e-9);
  }

  @Test
  void noRequestGivesNoSplit() {
    ProcessorTime sample = new ProcessorTime(Map.of(), Map.of(1L, 5L));

    assertEquals(Optional.empty(), sample.until(sample, 0));
  }

  @Test
  void readsEveryProcessOfThisMachineWhereTheSystemHasThem() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "a system with /proc");

    ProcessorTime sample =
        ProcessorTime.now(Map.of("me", ProcessHandle.current().pid())).orElseThrow();

    assertTrue(sample.ticks("me").isPresent());
    assertEquals(Optional.empty(), sample.ticks("nobody"));
  }

  @Test
  void aProcessNamedOnItsOwnIsNotCountedAgainInItsParents() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "a system with /proc");
    long me = ProcessHandle.current().pid();
    Process spinner = new ProcessBuilder("/bin/sh", "-c", "while :; do :; done").start();
    try {
      long child = spinner.pid();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (userAndSystem(ProcessorTime.now(Map.of("child", child)), "child") < 5) {
        assertTrue(System.nanoTime() < deadline, "the child never used 5 ticks");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      // Stopped, the child's ticks hold still while both readings are taken.
      assertEquals(0, new ProcessBuilder("/bin/sh", "-c", "kill -STOP " + child).start().waitFor());
      ProcessorTime apart = ProcessorTime.now(ordered("me", me, "child", child)).orElseThrow();
      ProcessorTime together = ProcessorTime.now(Map.of("me", me)).orElseThrow();

      long childTicks = userAndSystem(Optional.of(apart), "child");
      assertTrue(childTicks >= 5, "child " + childTicks);
      // My own ticks only grow between the two readings: with the child counted in, by at least its.
      assertTrue(userAndSystem(Optional.of(together), "me")
              >= userAndSystem(Optional.of(apart), "me") + childTicks,
          "me apart " + userAndSystem(Optional.of(apart), "me") + ", child " + childTicks
              + ", me with the child " + userAndSystem(Optional.of(together), "me"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      spinner.destroyForcibly();
    }
  }

  private static long userAndSystem(Optional<ProcessorTime> sample, String name) {
    return sample.flatMap(time -> time.ticks(name)).map(ticks -> ticks[0] + ticks[1]).orElse(0L);
  }

  private static <V> Map<String, V> ordered(String a, V first, String b, V second) {
    Map<String, V> map = new LinkedHashMap<>();
    map.put(a, first);
    map.put(b, second);
    return map;
  }

  private static Map<String, long[]> ordered(String a, long[] first) {
    Map<String, long[]> map = new LinkedHashMap<>();
    map.put(a, first);
    return map;
  }
}
