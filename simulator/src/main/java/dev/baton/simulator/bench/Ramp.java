package dev.baton.simulator.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;

/**
 * The climb to the sustained rate: steps at increasing rates, stopping at the first that does not
 * hold. The sustained rate is the last rate held before that.
 */
public final class Ramp {

  /** Runs one step at a rate. */
  @FunctionalInterface
  public interface StepRunner {
    StepResult run(double rate) throws IOException;
  }

  /** The steps run, in order, and the sustained rate they show. */
  public record Outcome(List<StepResult> steps, OptionalDouble sustainedRate) {}

  private Ramp() {}

  /**
   * Runs {@code rates} in order until one does not hold.
   *
   * @param eachStep told of every step as it finishes, with why it failed if it did
   */
  public static Outcome climb(
      List<Double> rates,
      StepRunner runner,
      HoldCriteria criteria,
      BiConsumer<StepResult, Optional<String>> eachStep)
      throws IOException {
    List<StepResult> steps = new ArrayList<>();
    for (double rate : rates) {
      StepResult step = runner.run(rate);
      steps.add(step);
      Optional<String> failure = criteria.failure(step);
      eachStep.accept(step, failure);
      if (failure.isPresent()) {
        break;
      }
    }
    return new Outcome(List.copyOf(steps), sustainedRate(steps, criteria));
  }

  /**
   * The highest offered rate held before the first step that failed, taking the steps in the
   * order given (increasing rates); empty when the first step already failed. A step that held
   * after a failure does not count: a rate is sustained only if every lower rate was too.
   */
  public static OptionalDouble sustainedRate(List<StepResult> steps, HoldCriteria criteria) {
    OptionalDouble sustained = OptionalDouble.empty();
    for (StepResult step : steps) {
      if (criteria.failure(step).isPresent()) {
        break;
      }
      sustained = OptionalDouble.of(step.offeredRate());
    }
    return sustained;
  }
}
