package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The machine's counters through a step, and the host's share during a stretch of it. */
class MachineTimelineTest {

  private static final Instant T0 = Instant.parse("2026-12-06T06:22:00Z");

  /** 20 ticks a 100 ms on two processors; {@code steal} of them taken by the host. */
  private static MachineTimeline.Sample at(long millis, long busy, long idle, long steal) {
    return new MachineTimeline.Sample(T0.plusMillis(millis), new long[] {busy, 0, 0, idle, 0, 0, 0, steal});
  }

  private final MachineTimeline.Samples samples = new MachineTimeline.Samples(List.of(
      at(0, 0, 0, 0),
      at(100, 10, 10, 0),
      at(200, 14, 10, 16),   // the host took 16 of these 20 ticks
      at(300, 18, 10, 32),   // and 16 of these
      at(400, 30, 18, 32)));

  @Test
  void aStretchIsMeasuredFromTheSampleBeforeItToTheSampleAfterIt() {
    // 150..250 ms lies between the samples at 100 and 300: 32 of 40 ticks stolen
    MachineLoad.Share share =
        samples.between(T0.plusMillis(150), T0.plusMillis(250)).orElseThrow();

    assertEquals(0.8, share.steal(), 1e-9);
    assertEquals(1.0, share.busy(), 1e-9, "stolen time counts as busy, as on the step's line");
  }

  @Test
  void aStepsSharesComeFromTheIdleTimeAndTheClockWhereTheProcessorsAreKnown() {
    // 10 s on 2 processors (2,000 ticks): 1,400 idle, though the tick counted only 20 busy
    MachineTimeline.Samples step = new MachineTimeline.Samples(List.of(
        new MachineTimeline.Sample(T0, new long[] {0, 0, 0, 0, 0, 0, 0, 0}, 2),
        new MachineTimeline.Sample(T0.plusSeconds(5), new long[] {10, 0, 0, 700, 0, 0, 0, 0}, 2),
        new MachineTimeline.Sample(T0.plusSeconds(10), new long[] {20, 0, 0, 1400, 0, 0, 0, 40}, 2)));

    MachineLoad.Share whole = step.whole().orElseThrow();

    assertEquals(0.3, whole.busy(), 1e-9);
    assertEquals(0.02, whole.steal(), 1e-9);
  }

  @Test
  void aQuietStretchShowsNoSteal() {
    assertEquals(0.0, samples.between(T0, T0.plusMillis(100)).orElseThrow().steal(), 1e-9);
    assertEquals(0.0,
        samples.between(T0.plusMillis(300), T0.plusMillis(400)).orElseThrow().steal(), 1e-9);
  }

  @Test
  void aStretchReachingPastTheSamplesUsesTheFirstAndTheLast() {
    MachineLoad.Share share =
        samples.between(T0.minusSeconds(1), T0.plusSeconds(5)).orElseThrow();

    assertEquals(32 / 80.0, share.steal(), 1e-9);
  }

  @Test
  void withoutTwoSamplesAroundIt_aStretchHasNoFigure() {
    assertEquals(Optional.empty(), MachineTimeline.Samples.NONE.between(T0, T0.plusMillis(100)));
    assertEquals(Optional.empty(),
        new MachineTimeline.Samples(List.of(at(0, 0, 0, 0))).between(T0, T0.plusMillis(100)));
    assertEquals(Optional.empty(), samples.between(T0.plusMillis(200), T0.plusMillis(100)),
        "a stretch that ends before it begins");
  }

  @Test
  void readsThisMachinesCountersEveryHundredMillisecondsUntilClosed() {
    if (!Files.isReadable(Path.of("/proc/stat"))) {
      return;
    }
    Instant started = Instant.now();
    MachineTimeline timeline = MachineTimeline.start();
    Instant deadline = started.plusSeconds(10);
    while (timeline.samples().list().size() < 3 && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(10_000_000L);
    }
    timeline.close();
    List<MachineTimeline.Sample> read = timeline.samples().list();
    int afterClose = read.size();

    assertTrue(afterClose >= 4, "three while running and one at close: " + afterClose);
    for (int i = 1; i < read.size(); i++) {
      assertTrue(!read.get(i).at().isBefore(read.get(i - 1).at()), "in time order");
    }
    Duration span = Duration.between(read.getFirst().at(), read.get(2).at());
    assertTrue(span.toMillis() >= 150, "about 100 ms apart, not as fast as it can: " + span);
    assertEquals(afterClose, timeline.samples().list().size(), "nothing read after close");
    assertTrue(timeline.samples().between(started, Instant.now()).isPresent());
  }
}
