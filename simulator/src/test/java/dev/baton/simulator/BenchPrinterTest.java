package dev.baton.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.acquirer.LatencyTimeline;
import dev.baton.simulator.bench.BenchListener;
import dev.baton.simulator.bench.BenchReport;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.bench.HoldCriteria;
import dev.baton.simulator.bench.HostSteal;
import dev.baton.simulator.bench.MachineLoad;
import dev.baton.simulator.bench.MachineTimeline;
import dev.baton.simulator.bench.ProcessorTime;
import dev.baton.simulator.bench.StepResult;
import dev.baton.simulator.bench.SwitchPorts;
import dev.baton.simulator.bench.TargetReport;
import dev.baton.simulator.traffic.WeightedMix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The lines people paste into notes: their labels and figures. */
class BenchPrinterTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BenchPrinter printer = new BenchPrinter(settings(),
      new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @Test
  void printsEachRampStepWithItsFiguresAndVerdict() {
    printer.step("baseline", BenchListener.Phase.RAMP, step(3000, 2.5), Optional.empty());
    printer.step("baseline", BenchListener.Phase.RAMP, step(4000, 63.25),
        Optional.of("p99 63.250 ms > 50 ms"));

    String[] lines = out().split("\\R");
    assertEquals("baseline  ramp        3000 TPS  achieved   3000.0 TPS  p50 1.250  p99 2.500"
        + "  p999 3.750  max 5.000 ms  sent 30000  unanswered 0  declined 0  held", lines[0]);
    assertTrue(lines[1].endsWith("  FAILED: p99 63.250 ms > 50 ms"), lines[1]);
  }

  @Test
  void setsBatonBesideTheBaselineWithTheRatioAndTheGoals() {
    BenchReport report = new BenchReport(
        Optional.of(measured("baton", 12000, 1.5)), Optional.of(measured("baseline", 8000, 3.0)));

    printer.sideBySide(report);

    String table = out();
    assertTrue(table.contains("sustained TPS at p99 <= 50 ms               12000         8000"
        + "            1.50  higher is better"), table);
    assertTrue(table.contains("p99 ms at 1800 TPS                          1.500        3.000"
        + "            0.50  lower is better"), table);
    assertTrue(table.contains("goal sustained >= 10000 TPS: met (baton 12000)"), table);
    assertTrue(table.contains("goal p99 <= 5 ms at 1800 TPS: met (baton 1.500 ms)"), table);
    assertTrue(table.contains("goal sustained TPS baton/baseline >= 1: met (1.50)"), table);
  }

  @Test
  void closesASwitchWithItsSustainedRateAndSaysWhenEveryRateHeld() {
    printer.finished(new TargetReport("baseline", Optional.of(step(1800, 3.0)),
        List.of(step(1000, 2.0), step(2000, 2.0)), OptionalDouble.of(2000), Optional.empty()));
    printer.finished(new TargetReport("baton", Optional.of(step(1800, 3.0)),
        List.of(step(1000, 2.0)), OptionalDouble.empty(), Optional.empty()));

    String[] lines = out().split("\\R");
    assertEquals("baseline  sustained 2000 TPS at p99 <= 50 ms (every rate of the ramp held: give"
        + " higher --rates)", lines[0]);
    assertEquals("baton     sustained no rate at p99 <= 50 ms (the ramp's first, 1000 TPS, did not"
        + " hold)", lines[1]);
  }

  @Test
  void leavesBatonsColumnEmptyWhenItWasNotMeasured() {
    BenchReport report = new BenchReport(
        Optional.of(new TargetReport("baton", Optional.empty(), List.of(), OptionalDouble.empty(),
            Optional.of("not listening on 127.0.0.1:10001"))),
        Optional.of(measured("baseline", 8000, 3.0)));

    printer.sideBySide(report);

    assertTrue(out().contains("sustained TPS at p99 <= 50 ms                   -         8000"
        + "             n/a"), out());
    assertTrue(!out().contains("goal"), out());
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aStepWithLateAnswersSaysInHowManyWindowsAndWhenTheSlowestBegan() {
    StepResult held = step(4000, 2.5);
    StepResult stalled = new StepResult(4000, 4000, 40_000, 0, 0, 0, held.latency(),
        Optional.empty(), new LatencyTimeline.Windows(Instant.parse("2026-12-05T10:31:12Z"),
            new long[] {900, 61_000, 120_250, 40_000, 0}), Optional.empty(),
        MachineTimeline.Samples.NONE);

    printer.step("baton", BenchListener.Phase.RAMP, stalled, Optional.of("p99 63.250 ms > 50 ms"));
    printer.step("baton", BenchListener.Phase.RAMP, held, Optional.empty());

    String[] lines = out().split("\\R");
    assertEquals(3, lines.length, out());
    assertEquals("baton" + " ".repeat(15) + "2 of 5 windows of 100 ms had an answer over 50 ms; the"
        + " slowest, 120.250 ms, from 10:31:12.200; over the limit from 10:31:12.100-10:31:12.300"
        + " (UTC)", lines[1]);
    assertTrue(lines[2].endsWith("held"), lines[2]);
  }

  @Test
  void aStretchOfLateAnswersSaysWhatTheHostTookOfTheProcessorsMeanwhile() {
    Instant start = Instant.parse("2026-12-05T10:31:12Z");
    // 20 ticks per 100 ms; the host took 40 of the 80 from 12.100 to 12.500, none before or after
    MachineTimeline.Samples samples = new MachineTimeline.Samples(List.of(
        sample(start, 0, 20, 0),
        sample(start.plusMillis(100), 20, 20, 0),
        sample(start.plusMillis(300), 40, 20, 20),
        sample(start.plusMillis(500), 60, 20, 40),
        sample(start.plusMillis(900), 140, 20, 40)));
    StepResult stalled = new StepResult(4000, 4000, 40_000, 0, 0, 0, step(4000, 2.5).latency(),
        Optional.empty(), new LatencyTimeline.Windows(start,
            new long[] {900, 61_000, 120_250, 40_000, 0, 0, 0, 52_000, 0}), Optional.empty(),
        samples);

    printer.step("baton", BenchListener.Phase.RAMP, stalled, Optional.of("p99 63.250 ms > 50 ms"));

    String[] lines = out().split("\\R");
    // the first stretch, awaited from 12.100 to 12.420, lies in 12.100..12.500; the second,
    // from 12.700 to 12.852, in 12.500..12.900
    assertTrue(lines[1].endsWith("over the limit from 10:31:12.100-10:31:12.300 (steal 50%),"
        + " 10:31:12.700 (steal 0%) (UTC)"), lines[1]);
  }

  @Test
  void theReferenceStepSaysHowManyAnswersWereOverTheTailAndHowManyInWindowsTheHostTookFrom() {
    Instant start = Instant.parse("2026-12-05T10:31:12Z");
    // the host took 10 of the 40 ticks from 12.100 to 12.200, nothing else
    MachineTimeline.Samples samples = new MachineTimeline.Samples(List.of(
        sample(start, 0, 0, 0),
        sample(start.plusMillis(100), 10, 10, 0),
        sample(start.plusMillis(200), 30, 20, 10),
        sample(start.plusMillis(300), 40, 30, 10)));
    StepResult reference = new StepResult(1800, 1800, 540, 0, 0, 0, step(1800, 6).latency(),
        Optional.of(new MachineLoad.Share(0.5, 0.033)), new LatencyTimeline.Windows(start,
            new long[] {4_000, 30_000, 6_000}, new int[] {180, 180, 180}, 5_000,
            new int[] {0, 9, 1}), Optional.empty(), samples);

    printer.step("baton", BenchListener.Phase.REFERENCE, reference, Optional.empty());

    String[] lines = out().split("\\R");
    assertTrue(lines[0].endsWith("machine busy 50% steal 3.3%"), lines[0]);
    assertEquals("baton" + " ".repeat(15) + "answers over 5 ms: 10 of 540 (1.85%), 9 of them in the"
        + " 1 of 3 windows of 100 ms in which the host took processor time; in the other windows"
        + " 1 of 360 (0.28%)", lines[1]);
    assertEquals("baton" + " ".repeat(15) + "the host took more than 0.5% of the processors in each"
        + " of 3 attempts: the one it took least from counts", lines[2]);
  }

  @Test
  void withOneMeasurementPerStepAStolenStepIsPrintedAsItIs() {
    ByteArrayOutputStream once = new ByteArrayOutputStream();
    BenchPrinter measuredOnce = new BenchPrinter(settings(new HostSteal(0.005, 1)),
        new PrintStream(once, true, StandardCharsets.UTF_8));
    StepResult stolen = step(3000, 4.0).on(Optional.of(new MachineLoad.Share(0.8, 0.05)));

    measuredOnce.step("baton", BenchListener.Phase.RAMP, stolen, Optional.empty());

    String[] lines = once.toString(StandardCharsets.UTF_8).split("\\R");
    assertEquals(1, lines.length, once.toString(StandardCharsets.UTF_8));
    assertTrue(lines[0].endsWith("machine busy 80% steal 5.0%  held"), lines[0]);
  }

  @Test
  void aStepMeasuredAgainIsPrintedAsNotCounted() {
    StepResult stolen = step(1800, 9.5).on(Optional.of(new MachineLoad.Share(0.6, 0.021)));

    printer.measuredAgain("baton", BenchListener.Phase.REFERENCE, stolen, 1, HostSteal.DEFAULT);

    assertTrue(out().startsWith("baton     reference   1800 TPS  achieved   1800.0 TPS"), out());
    assertTrue(out().contains("p99 9.500"), out());
    assertTrue(out().strip().endsWith("NOT COUNTED: the host took 2.10% of the processors (over"
        + " 0.5%); measured again (attempt 2 of 3)"), out());
  }

  @Test
  void theLastMeasurementNotCountedSaysTheLeastStolenCounts() {
    StepResult stolen = step(3000, 9.5).on(Optional.of(new MachineLoad.Share(0.8, 0.0412)));

    printer.measuredAgain("baton", BenchListener.Phase.RAMP, stolen, 3, HostSteal.DEFAULT);

    assertTrue(out().startsWith("baton     ramp        3000 TPS  achieved   3000.0 TPS"), out());
    assertTrue(out().strip().endsWith("NOT COUNTED: the host took 4.12% of the processors (over"
        + " 0.5%); the one of the 3 it took least from counts"), out());
  }

  @Test
  void theP99GoalSaysWhatTheHostTookDuringTheReferenceStep() {
    StepResult reference = step(1800, 4.2).on(Optional.of(new MachineLoad.Share(0.55, 0.002)));
    BenchReport report = new BenchReport(
        Optional.of(new TargetReport("baton", Optional.of(reference), List.of(step(12000, 2.0)),
            OptionalDouble.of(12000), Optional.empty())),
        Optional.of(measured("baseline", 8000, 3.0)));

    printer.sideBySide(report);

    assertTrue(out().contains("goal p99 <= 5 ms at 1800 TPS: met (baton 4.200 ms; the host took"
        + " 0.2% during the step)"), out());
  }

  private static MachineTimeline.Sample sample(Instant at, long busy, long idle, long steal) {
    return new MachineTimeline.Sample(at, new long[] {busy, 0, 0, idle, 0, 0, 0, steal});
  }

  @Test
  void aStepSaysWhereItsProcessorTimeWentProcessByProcess() {
    ProcessorTime.Split split = new ProcessorTime.Split(
        List.of(new ProcessorTime.Share("edge", 34.4, 58.6), new ProcessorTime.Share("node-a", 20, 18),
            new ProcessorTime.Share("bench", 43, 21.2)),
        12.3, 207.5);
    StepResult held = step(8000, 20.0);

    printer.step("baton", BenchListener.Phase.RAMP, held.withProcessors(split), Optional.empty());

    String[] lines = out().split("\\R");
    assertEquals(2, lines.length, out());
    assertEquals("baton" + " ".repeat(15) + "processor time per request (microseconds, user+system):"
        + " edge 34+59, node-a 20+18, bench 43+21, rest of the machine 12; all 208", lines[1]);
  }

  @Test
  void theSummarySaysWhereTheTimeGoesAtTheReferenceRateAndTheHighestThatHeld() {
    ProcessorTime.Split atReference = new ProcessorTime.Split(
        List.of(new ProcessorTime.Share("edge", 60, 120), new ProcessorTime.Share("bench", 40, 50)),
        30, 300);
    ProcessorTime.Split atTop = new ProcessorTime.Split(
        List.of(new ProcessorTime.Share("edge", 34, 59), new ProcessorTime.Share("bench", 22, 21)),
        10, 146);
    TargetReport baton = new TargetReport("baton", Optional.of(step(1800, 2.0).withProcessors(atReference)),
        List.of(step(7000, 2.0), step(8000, 20.0).withProcessors(atTop), step(9000, 100.0)),
        OptionalDouble.of(8000), Optional.empty());

    printer.sideBySide(new BenchReport(Optional.of(baton), Optional.empty()));

    String summary = out();
    assertTrue(summary.contains("where the time goes: processor time per request, microseconds,"
        + " user+system\n"
        + "baton     at 1800 TPS: edge 60+120, bench 40+50, rest of the machine 30; all 300\n"
        + "baton     at 8000 TPS (the highest that held): edge 34+59, bench 22+21, rest of the"
        + " machine 10; all 146"), summary);
  }

  private static TargetReport measured(String target, double sustained, double p99AtReference) {
    return new TargetReport(target, Optional.of(step(1800, p99AtReference)),
        List.of(step(sustained, 2.0)), OptionalDouble.of(sustained), Optional.empty());
  }

  private static StepResult step(double rate, double p99) {
    return new StepResult(rate, rate, (long) rate * 10, 0, 0, 0,
        new StepResult.Latency(p99 / 2, p99, p99 * 1.5, p99 * 2));
  }

  private static BenchSettings settings() {
    return settings(HostSteal.DEFAULT);
  }

  private static BenchSettings settings(HostSteal hostSteal) {
    return new BenchSettings(BenchSettings.Target.BOTH, SwitchPorts.DEMO, 2,
        WeightedMix.parse("4=1,5=1", key -> true, ""), 1800, List.of(1000.0, 2000.0),
        Duration.ofSeconds(10), Duration.ofSeconds(5),
        new HoldCriteria(Duration.ofMillis(50), 0.95), Duration.ofSeconds(6),
        Duration.ofSeconds(5), true, Optional.empty(), Duration.ofMillis(5), hostSteal);
  }
}
