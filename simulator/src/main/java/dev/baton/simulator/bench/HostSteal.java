package dev.baton.simulator.bench;

import java.io.IOException;
import java.util.Optional;

/**
 * When a step measured the machine's host rather than the switch, and how often it is measured
 * again. On a virtual machine the host may take the processors away ("steal"); every thread of
 * the bench and of the switch then stops with them, and a step's tail is the host's pauses, not
 * the switch's. A step during which the host took more than {@code limit} of the processor time
 * is measured again, up to {@code attempts} times in all; what it measured is still printed. The
 * rule looks at the steal only, never at the step's latency or outcome, so a step is not repeated
 * because it failed, and one that held is repeated too.
 *
 * @param limit share of processor time, 0 to 1, the host may take during a step that counts
 * @param attempts how many times a step is measured at most (1: never again)
 */
public record HostSteal(double limit, int attempts) {

  /** At most 0.5 % of the processor time (100 ms of a 10 s step on two processors); 3 attempts. */
  public static final HostSteal DEFAULT = new HostSteal(0.005, 3);

  public HostSteal {
    if (!(limit >= 0 && limit <= 1)) {
      throw new IllegalArgumentException("the steal limit is a share from 0 to 1");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** Measures one step. */
  @FunctionalInterface
  public interface Attempt {
    StepResult measure() throws IOException;
  }

  /**
   * Told of an attempt that does not count: before the next one starts, or, after the last
   * attempt ({@code attempt} equal to {@link #attempts}), when an earlier one counts instead.
   */
  @FunctionalInterface
  public interface Repeat {
    void measuredAgain(StepResult discarded, int attempt) throws IOException;
  }

  /**
   * What the host took during {@code step}; empty where the system does not say, which counts
   * as quiet: there is nothing to tell a stolen step by.
   */
  static Optional<Double> stolen(StepResult step) {
    return step.machine().map(MachineLoad.Share::steal);
  }

  /** Whether {@code step} counts as it is: the host took at most the limit, or nothing is known. */
  public boolean quiet(StepResult step) {
    return stolen(step).map(steal -> steal <= limit).orElse(true);
  }

  /**
   * Measures until an attempt is quiet or the attempts are used up; then the quiet attempt, or
   * the one during which the host took least. {@code repeat} hears of every attempt that does
   * not count, with its number from 1, so that none goes unsaid.
   */
  public StepResult measure(Attempt attempt, Repeat repeat) throws IOException {
    StepResult least = null;
    for (int made = 1; ; made++) {
      StepResult step = attempt.measure();
      if (quiet(step)) {
        return step;
      }
      if (least == null || stolen(step).orElseThrow() < stolen(least).orElseThrow()) {
        least = step;
      }
      if (made >= attempts) {
        if (least != step) {
          repeat.measuredAgain(step, made);
        }
        return least;
      }
      repeat.measuredAgain(step, made);
    }
  }
}
