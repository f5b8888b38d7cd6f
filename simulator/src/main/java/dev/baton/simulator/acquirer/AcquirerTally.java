package dev.baton.simulator.acquirer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What the sessions of one run counted, written from pacer and receiver threads at once. */
final class AcquirerTally {

  private final Map<String, LongAdder> sentByMti = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answersByMtiAndCode = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<PendingRequest> unanswered = new ConcurrentLinkedQueue<>();
  private final LongAdder lateAnswers = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();
  private final LongAccumulator lastAnswerNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
  /** Microseconds, from 1 µs to one hour, three significant digits. */
  private final ConcurrentHistogram latencyMicros =
      new ConcurrentHistogram(1, TimeUnit.HOURS.toMicros(1), 3);
  /** The slowest answer by when its request was due; none for a tally outside a run. */
  private final LatencyTimeline timeline;

  /** A tally outside a timed run (sign-on): no timeline. */
  AcquirerTally() {
    this(null);
  }

  AcquirerTally(LatencyTimeline timeline) {
    this.timeline = timeline;
  }

  void sent(String mti) {
    sentByMti.computeIfAbsent(mti, k -> new LongAdder()).increment();
  }

  void answered(String responseMti, String responseCode, long latencyNanos, long arrivedNanos) {
    lastAnswerNanos.accumulate(arrivedNanos);
    answersByMtiAndCode
        .computeIfAbsent(responseMti + ' ' + responseCode, k -> new LongAdder())
        .increment();
    long micros =
        Math.min(latencyMicros.getHighestTrackableValue(), Math.max(1, latencyNanos / 1_000));
    latencyMicros.recordValue(micros);
    if (timeline != null) {
      timeline.record(arrivedNanos - latencyNanos, micros);
    }
  }

  void unanswered(PendingRequest request) {
    unanswered.add(request);
  }

  void lateAnswer() {
    lateAnswers.increment();
  }

  void sendFailed() {
    sendFailures.increment();
  }

  /**
   * @param startNanos when the first request was due
   * @param sendingNanos how long the paced sending lasted
   */
  AcquirerSummary summarize(AcquirerSettings settings, long startNanos, long sendingNanos) {
    long lastAnswer = lastAnswerNanos.get();
    long answeringNanos = lastAnswer == Long.MIN_VALUE ? 0 : lastAnswer - startNanos;
    List<PendingRequest> missing = new ArrayList<>(unanswered);
    missing.sort(Comparator.comparingLong(PendingRequest::sentNanos));
    Histogram latency = latencyMicros.copy();
    return new AcquirerSummary(
        settings,
        snapshot(sentByMti),
        snapshot(answersByMtiAndCode),
        latency,
        missing,
        lateAnswers.sum(),
        sendFailures.sum(),
        sendingNanos,
        answeringNanos,
        timeline == null ? LatencyTimeline.Windows.NONE : timeline.snapshot());
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> sorted = new TreeMap<>();
    counters.forEach((key, count) -> sorted.put(key, count.sum()));
    return sorted;
  }
}
