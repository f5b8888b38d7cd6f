package dev.baton.simulator.acquirer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The slowest answer per 100 ms of a run, placed by when its request was due. */
class LatencyTimelineTest {

  private static final long START = 5_000_000_000L;
  private static final Instant WALL = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void keepsTheSlowestAnswerOfEachWindowByWhenItsRequestWasDue() {
    LatencyTimeline timeline = new LatencyTimeline(START, WALL, TimeUnit.MILLISECONDS.toNanos(450),
        Long.MAX_VALUE);
    timeline.record(START, 300);
    timeline.record(START + ms(99), 900);
    timeline.record(START + ms(100), 200);
    timeline.record(START + ms(250), 80_000);
    timeline.record(START + ms(260), 70_000);

    LatencyTimeline.Windows windows = timeline.snapshot();

    // 450 ms make five windows, the last one partly; nothing was due in the fourth and fifth.
    assertArrayEquals(new long[] {900, 200, 80_000, 0, 0}, windows.maxMicros());
    assertEquals(2, windows.slowest());
    assertEquals(Instant.parse("2026-12-05T10:00:00.200Z"), windows.startOf(2));
    assertEquals(1, windows.over(50_000));
    assertEquals(3, windows.over(100));
    assertEquals(0, windows.over(80_000));
    assertEquals(List.of("0-2"), runs(windows, 100));
    assertEquals(List.of("0-0", "2-2"), runs(windows, 800));
    assertEquals(List.of(), runs(windows, 80_000));
  }

  @Test
  void ignoresAnswersDueBeforeTheRunOrAfterItsEnd() {
    LatencyTimeline timeline = new LatencyTimeline(START, WALL, ms(200), 1_000);
    timeline.record(START - 1, 5_000);
    timeline.record(START + ms(200), 7_000);

    assertArrayEquals(new long[] {0, 0}, timeline.snapshot().maxMicros());
    assertArrayEquals(new int[] {0, 0}, timeline.snapshot().answers());
    assertArrayEquals(new int[] {0, 0}, timeline.snapshot().slowerThanTail());
    assertEquals(-1, timeline.snapshot().slowest());
    assertEquals(-1, LatencyTimeline.Windows.NONE.slowest());
  }

  @Test
  void countsEachWindowsAnswersAndThoseSlowerThanTheTail() {
    LatencyTimeline timeline = new LatencyTimeline(START, WALL, ms(300), 5_000);
    timeline.record(START, 300);
    timeline.record(START + ms(10), 5_000);
    timeline.record(START + ms(20), 5_001);
    timeline.record(START + ms(150), 12_000);
    timeline.record(START + ms(160), 7_000);
    timeline.record(START + ms(170), 4_000);

    LatencyTimeline.Windows windows = timeline.snapshot();

    assertArrayEquals(new int[] {3, 3, 0}, windows.answers());
    // at the limit is not slower than it
    assertArrayEquals(new int[] {1, 2, 0}, windows.slowerThanTail());
    assertEquals(5_000, windows.tailMicros());
  }

  @Test
  void refusesWindowsWhoseCountsDoNotMatchThemOneToOne() {
    assertThrows(IllegalArgumentException.class,
        () -> new LatencyTimeline.Windows(WALL, new long[2], new int[1], 5_000, new int[2]));
  }

  private static List<String> runs(LatencyTimeline.Windows windows, long limitMicros) {
    return windows.runsOver(limitMicros).stream().map(run -> run[0] + "-" + run[1]).toList();
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
