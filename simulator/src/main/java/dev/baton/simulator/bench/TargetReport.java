package dev.baton.simulator.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the bench measured on one switch, or why it could not.
 *
 * @param target {@code baton} or {@code baseline}
 * @param reference the step at the reference rate; empty when the run did not get that far
 * @param ramp the ramp's steps, in order
 * @param sustainedRate the highest ramp rate held; empty when none held or none ran
 * @param problem why the measurement stopped short (not listening, issuers not signed on ...)
 */
public record TargetReport(
    String target,
    Optional<StepResult> reference,
    List<StepResult> ramp,
    OptionalDouble sustainedRate,
    Optional<String> problem) {

  static TargetReport failed(String target, String problem) {
    return new TargetReport(
        target, Optional.empty(), List.of(), OptionalDouble.empty(), Optional.of(problem));
  }

  public boolean completed() {
    return problem.isEmpty();
  }
}
