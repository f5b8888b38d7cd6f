package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A step is measured again while the machine's host took more than the limit, and only then. */
class HostStealTest {

  private final HostSteal rule = new HostSteal(0.005, 3);
  private final List<String> repeats = new ArrayList<>();

  @Test
  void aStepTheHostTookNoMoreThanTheLimitFromCountsAtOnce() throws Exception {
    StepResult quiet = step(2.0, 0.005);

    assertSame(quiet, rule.measure(attempts(quiet), this::heard));
    assertEquals(List.of(), repeats);
  }

  @Test
  void aStolenStepIsMeasuredAgainUntilOneIsQuiet() throws Exception {
    StepResult stolen = step(9.0, 0.04);
    StepResult quiet = step(3.0, 0.0);

    assertSame(quiet, rule.measure(attempts(stolen, quiet), this::heard));
    assertEquals(List.of("attempt 1, p99 9.0"), repeats);
  }

  @Test
  void whenTheHostTookMoreInEveryAttemptTheOneItTookLeastFromCounts() throws Exception {
    StepResult first = step(9.0, 0.04);
    StepResult least = step(12.0, 0.011);
    StepResult last = step(4.0, 0.02);

    // the least stolen counts even with the worst p99: the rule never looks at the latency
    assertSame(least, rule.measure(attempts(first, least, last), this::heard));
    // the last measurement, not counted either, is said too
    assertEquals(List.of("attempt 1, p99 9.0", "attempt 2, p99 12.0", "attempt 3, p99 4.0"),
        repeats);
  }

  @Test
  void whenTheLastAttemptIsTheLeastStolenItCountsAndOnlyTheEarlierOnesAreSaid() throws Exception {
    StepResult first = step(9.0, 0.04);
    StepResult second = step(8.0, 0.03);
    StepResult last = step(6.0, 0.01);

    assertSame(last, rule.measure(attempts(first, second, last), this::heard));
    assertEquals(List.of("attempt 1, p99 9.0", "attempt 2, p99 8.0"), repeats);
  }

  @Test
  void aQuietStepThatFailedIsNotMeasuredAgainNorIsAStolenOneThatHeld() throws Exception {
    StepResult failedQuiet = step(80.0, 0.0);
    assertSame(failedQuiet, rule.measure(attempts(failedQuiet), this::heard));

    StepResult heldStolen = step(1.0, 0.03);
    StepResult next = step(2.0, 0.0);
    assertSame(next, rule.measure(attempts(heldStolen, next), this::heard));
    assertEquals(List.of("attempt 1, p99 1.0"), repeats);
  }

  @Test
  void aStepWithoutTheMachinesFiguresCountsAsMeasured() throws Exception {
    StepResult unknown = new StepResult(1800, 1800, 18_000, 0, 0, 0,
        new StepResult.Latency(1, 2, 3, 4));

    assertTrue(rule.quiet(unknown));
    assertSame(unknown, rule.measure(attempts(unknown), this::heard));
  }

  @Test
  void oneAttemptNeverMeasuresAgain() throws Exception {
    StepResult stolen = step(9.0, 0.5);

    assertSame(stolen, new HostSteal(0.005, 1).measure(attempts(stolen), this::heard));
    assertFalse(new HostSteal(0.005, 1).quiet(stolen));
    assertEquals(List.of(), repeats);
  }

  @Test
  void refusesALimitOutsideZeroToOneAndFewerThanOneAttempt() {
    assertThrows(IllegalArgumentException.class, () -> new HostSteal(-0.1, 3));
    assertThrows(IllegalArgumentException.class, () -> new HostSteal(1.5, 3));
    assertThrows(IllegalArgumentException.class, () -> new HostSteal(Double.NaN, 3));
    assertThrows(IllegalArgumentException.class, () -> new HostSteal(0.005, 0));
  }

  private void heard(StepResult discarded, int attempt) {
    repeats.add("attempt " + attempt + ", p99 " + discarded.latency().p99());
  }

  /** Hands out the steps in order; more measurements than given fail the test. */
  private static HostSteal.Attempt attempts(StepResult... steps) {
    Deque<StepResult> left = new ArrayDeque<>(List.of(steps));
    return () -> {
      if (left.isEmpty()) {
        throw new AssertionError("measured more often than expected");
      }
      return left.pop();
    };
  }

  private static StepResult step(double p99, double steal) {
    return new StepResult(1800, 1800, 18_000, 0, 0, 0,
        new StepResult.Latency(p99 / 4, p99, p99 * 2, p99 * 3))
        .on(Optional.of(new MachineLoad.Share(0.5, steal)));
  }
}
