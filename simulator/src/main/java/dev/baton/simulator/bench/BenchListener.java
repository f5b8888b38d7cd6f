package dev.baton.simulator.bench;

import java.util.Optional;

/** Told of the bench's progress as it happens, so a person watching sees each step finish. */
public interface BenchListener {

  /** Which part of a target's run a step belongs to. */
  enum Phase {
    WARMUP,
    REFERENCE,
    RAMP
  }

  /** Measuring {@code target} starts, on the switch {@code description} says. */
  void starting(String target, String description);

  /** Something worth one line: issuers signed on, the path approves, a switch is not up. */
  void note(String target, String line);

  /** A step finished; {@code failure} says why it did not hold, empty when it held. */
  void step(String target, Phase phase, StepResult result, Optional<String> failure);

  /**
   * A measurement of a step does not count because the machine's host took more of the
   * processors during it than {@code rule} lets count; {@code attempt} is its number, from 1.
   * Below the rule's attempts the step is measured again; at the last, an earlier measurement,
   * the one the host took least from, counts. The one that counts comes later through {@link
   * #step}.
   */
  void measuredAgain(String target, Phase phase, StepResult discarded, int attempt,
      HostSteal rule);

  /** Measuring {@code target} is over. */
  void finished(TargetReport report);
}
