package dev.baton.simulator.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a step counts as held: every request answered, none declined or unsent, at least
 * {@code minAchievedShare} of the offered rate achieved, and p99 within {@code p99Limit}.
 */
public record HoldCriteria(Duration p99Limit, double minAchievedShare) {

  public static final double DEFAULT_ACHIEVED_SHARE = 0.95;

  public HoldCriteria {
    if (p99Limit.isNegative() || p99Limit.isZero()) {
      throw new IllegalArgumentException("p99 limit must be positive");
    }
    if (!(minAchievedShare > 0 && minAchievedShare <= 1)) {
      throw new IllegalArgumentException("achieved share must be in (0, 1]");
    }
  }

  public double p99LimitMillis() {
    return p99Limit.toNanos() / 1e6;
  }

  /** Why the step did not hold, or empty when it held. */
  public Optional<String> failure(StepResult step) {
    if (step.unanswered() > 0) {
      return Optional.of(step.unanswered() + " unanswered");
    }
    if (step.declined() > 0) {
      return Optional.of(step.declined() + " declined by the switch");
    }
    if (step.sendFailures() > 0) {
      return Optional.of(step.sendFailures() + " could not be sent");
    }
    if (step.achievedRate() < minAchievedShare * step.offeredRate()) {
      return Optional.of(String.format(Locale.ROOT, "achieved %.1f TPS < %.0f%% of %.0f",
          step.achievedRate(), minAchievedShare * 100, step.offeredRate()));
    }
    if (!(step.latency().p99() <= p99LimitMillis())) {
      return Optional.of(String.format(Locale.ROOT, "p99 %.3f ms > %s ms",
          step.latency().p99(), trim(p99LimitMillis())));
    }
    return Optional.empty();
  }

  static String trim(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }
}
