package dev.baton.simulator.bench;

import dev.baton.simulator.acquirer.AcquirerSummary;
import dev.baton.simulator.acquirer.LatencyTimeline;
import dev.baton.simulator.message.BankMessages;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What one step of the bench measured: a load offered at a fixed rate for a fixed time.
 *
 * @param offeredRate requests per second the acquirers were paced at
 * @param achievedRate answers per second, from the first request due to the last answer, so a
 *     switch that falls behind shows a lower rate than offered
 * @param unanswered requests with no answer within the acquirer's timeout
 * @param declined answers with a response code other than 00; the bench's issuers approve
 *     everything, so these come from the switch (91 timeout, 15 no route, 94 duplicate ...)
 * @param latency from the scheduled send time to the answer, over the answered requests
 * @param machine how busy the machine was meanwhile, where the system says so
 * @param slowestByWindow the slowest answer of each 100 ms of the step, by when requests were due
 * @param processors what each process of the path and the whole machine used per request sent,
 *     where the system says so
 * @param machineTimeline the machine's counters every 100 ms of the step, to tell what the host
 *     took during a stretch of late answers
 */
public record StepResult(
    double offeredRate,
    double achievedRate,
    long sent,
    long unanswered,
    long declined,
    long sendFailures,
    Latency latency,
    Optional<MachineLoad.Share> machine,
    LatencyTimeline.Windows slowestByWindow,
    Optional<ProcessorTime.Split> processors,
    MachineTimeline.Samples machineTimeline) {

  /** A step without the machine's figures or its timeline. */
  public StepResult(double offeredRate, double achievedRate, long sent, long unanswered,
      long declined, long sendFailures, Latency latency) {
    this(offeredRate, achievedRate, sent, unanswered, declined, sendFailures, latency,
        Optional.empty(), LatencyTimeline.Windows.NONE, Optional.empty(),
        MachineTimeline.Samples.NONE);
  }

  /** The same step with the machine's figures. */
  public StepResult on(Optional<MachineLoad.Share> load) {
    return new StepResult(offeredRate, achievedRate, sent, unanswered, declined, sendFailures,
        latency, load, slowestByWindow, processors, machineTimeline);
  }

  /** The same step with where its processor time went. */
  public StepResult withProcessors(ProcessorTime.Split split) {
    return new StepResult(offeredRate, achievedRate, sent, unanswered, declined, sendFailures,
        latency, machine, slowestByWindow, Optional.of(split), machineTimeline);
  }

  /** The same step with the machine's counters read during it. */
  public StepResult withMachineTimeline(MachineTimeline.Samples samples) {
    return new StepResult(offeredRate, achievedRate, sent, unanswered, declined, sendFailures,
        latency, machine, slowestByWindow, processors, samples);
  }

  /** Percentiles in milliseconds; {@code NaN} when nothing was answered. */
  public record Latency(double p50, double p99, double p999, double max) {

    static final Latency NONE = new Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Latency of(Histogram micros) {
      if (micros.getTotalCount() == 0) {
        return NONE;
      }
      return new Latency(
          micros.getValueAtPercentile(50) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0,
          micros.getValueAtPercentile(99.9) / 1000.0,
          micros.getMaxValue() / 1000.0);
    }
  }

  static StepResult of(double offeredRate, AcquirerSummary summary) {
    long approved = summary.answersByMtiAndCode().entrySet().stream()
        .filter(e -> e.getKey().endsWith(' ' + BankMessages.APPROVED))
        .mapToLong(e -> e.getValue())
        .sum();
    return new StepResult(
        offeredRate,
        summary.answeredPerSecond(),
        summary.sent(),
        summary.unanswered().size(),
        summary.answered() - approved,
        summary.sendFailures(),
        Latency.of(summary.latencyMicros()),
        Optional.empty(),
        summary.slowestByWindow(),
        Optional.empty(),
        MachineTimeline.Samples.NONE);
  }
}
