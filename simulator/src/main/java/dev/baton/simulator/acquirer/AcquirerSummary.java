package dev.baton.simulator.acquirer;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What an acquirer run sent and got back.
 *
 * @param sentByMti requests that left, by MTI (0100, 0200, 0400)
 * @param answersByMtiAndCode answers matched within the timeout, keyed {@code "0110 00"}
 * @param latencyMicros request-to-answer time of every matched answer, in microseconds
 * @param unanswered requests with no answer within the timeout, oldest first
 * @param lateAnswers answers that came after their request had timed out (already unanswered)
 * @param sendFailures requests that could not be written to their session
 * @param sendingNanos how long the paced sending lasted
 * @param answeringNanos from the first request due to the last answer received
 * @param slowestByWindow the slowest answer of each 100 ms of the run, by when requests were due
 */
public record AcquirerSummary(
    AcquirerSettings settings,
    Map<String, Long> sentByMti,
    Map<String, Long> answersByMtiAndCode,
    Histogram latencyMicros,
    List<PendingRequest> unanswered,
    long lateAnswers,
    long sendFailures,
    long sendingNanos,
    long answeringNanos,
    LatencyTimeline.Windows slowestByWindow) {

  public long sent() {
    return sentByMti.values().stream().mapToLong(Long::longValue).sum();
  }

  public long answered() {
    return answersByMtiAndCode.values().stream().mapToLong(Long::longValue).sum();
  }

  public long sent(String mti) {
    return sentByMti.getOrDefault(mti, 0L);
  }

  public long answers(String responseMti, String responseCode) {
    return answersByMtiAndCode.getOrDefault(responseMti + ' ' + responseCode, 0L);
  }

  /** Requests sent per second of paced sending. */
  public double sentPerSecond() {
    return sendingNanos == 0 ? 0 : sent() * 1e9 / sendingNanos;
  }

  /** Answers received per second, from the first request due to the last answer. */
  public double answeredPerSecond() {
    return answeringNanos <= 0 ? 0 : answered() * 1e9 / answeringNanos;
  }
}
