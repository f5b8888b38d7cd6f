package dev.baton.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The pure decision of the ramp: which steps hold and which rate is sustained. */
class RampTest {

  private static final HoldCriteria CRITERIA = new HoldCriteria(Duration.ofMillis(50), 0.95);

  @Test
  void sustainsTheLastRateHeldBeforeTheFirstFailure() {
    List<StepResult> steps = List.of(held(1000), held(2000), held(3000), p99(4000, 51.0));

    assertEquals(OptionalDouble.of(3000), Ramp.sustainedRate(steps, CRITERIA));
  }

  @Test
  void sustainsNothingWhenTheFirstStepFails() {
    assertEquals(OptionalDouble.empty(),
        Ramp.sustainedRate(List.of(p99(1000, 80.0), held(2000)), CRITERIA));
  }

  @Test
  void aStepThatHoldsAfterAFailureDoesNotCount() {
    List<StepResult> steps = List.of(held(1000), unanswered(2000, 1), held(3000));

    assertEquals(OptionalDouble.of(1000), Ramp.sustainedRate(steps, CRITERIA));
  }

  @Test
  void sustainsTheHighestRateWhenEveryStepHolds() {
    assertEquals(OptionalDouble.of(3000),
        Ramp.sustainedRate(List.of(held(1000), held(2000), held(3000)), CRITERIA));
  }

  @Test
  void aStepFailsOnP99OverTheLimitButHoldsAtTheLimit() {
    assertEquals(Optional.of("p99 50.001 ms > 50 ms"), CRITERIA.failure(p99(1000, 50.001)));
    assertEquals(Optional.empty(), CRITERIA.failure(p99(1000, 50.0)));
  }

  @Test
  void aStepFailsWhenLessThan95PercentOfTheOfferedRateIsAchieved() {
    assertEquals(Optional.of("achieved 949.0 TPS < 95% of 1000"),
        CRITERIA.failure(achieved(1000, 949)));
    assertEquals(Optional.empty(), CRITERIA.failure(achieved(1000, 950)));
  }

  @Test
  void aStepFailsOnASingleUnansweredOrDeclinedRequest() {
    assertEquals(Optional.of("1 unanswered"), CRITERIA.failure(unanswered(1000, 1)));
    assertEquals(Optional.of("2 declined by the switch"), CRITERIA.failure(
        new StepResult(1000, 1000, 10_000, 0, 2, 0, latency(1.0))));
  }

  @Test
  void aStepWithNoAnswersFailsEvenWithoutLosses() {
    StepResult nothing = new StepResult(1000, 0, 0, 0, 0, 0, StepResult.Latency.NONE);

    assertTrue(CRITERIA.failure(nothing).isPresent());
  }

  @Test
  void theClimbStopsAtTheFirstFailureAndReportsEveryStepRun() throws Exception {
    List<Double> run = new ArrayList<>();
    List<String> told = new ArrayList<>();

    Ramp.Outcome outcome = Ramp.climb(
        List.of(1000.0, 2000.0, 3000.0, 4000.0),
        rate -> {
          run.add(rate);
          return rate < 3000 ? held(rate) : p99(rate, 70.0);
        },
        CRITERIA,
        (step, failure) -> told.add(step.offeredRate() + " " + failure.orElse("held")));

    assertEquals(List.of(1000.0, 2000.0, 3000.0), run);
    assertEquals(List.of("1000.0 held", "2000.0 held", "3000.0 p99 70.000 ms > 50 ms"), told);
    assertEquals(3, outcome.steps().size());
    assertEquals(OptionalDouble.of(2000), outcome.sustainedRate());
  }

  private static StepResult held(double rate) {
    return p99(rate, 2.0);
  }

  private static StepResult p99(double rate, double p99) {
    return new StepResult(rate, rate, (long) rate * 10, 0, 0, 0, latency(p99));
  }

  private static StepResult achieved(double rate, double achieved) {
    return new StepResult(rate, achieved, (long) rate * 10, 0, 0, 0, latency(2.0));
  }

  private static StepResult unanswered(double rate, long unanswered) {
    return new StepResult(rate, rate, (long) rate * 10, unanswered, 0, 0, latency(2.0));
  }

  private static StepResult.Latency latency(double p99) {
    return new StepResult.Latency(p99 / 2, p99, p99 * 1.5, p99 * 2);
  }
}
