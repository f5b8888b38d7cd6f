package dev.baton.operations.status;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last samples of one node's traffic, oldest first, at most {@code capacity} of them: answers
 * per second and their mean latency, from the running totals of answers and of their latencies.
 * Thread-safe.
 */
final class NodeHistory {

  private final int capacity;
  private final ArrayDeque<NodeSample> samples = new ArrayDeque<>();
  private long lastAnswers = -1;
  private long lastLatencyTotal;
  private long lastNanos;

  NodeHistory(int capacity) {
    this.capacity = capacity;
  }

  /** Adds the sample since the previous totals; the first totals only set the start. */
  synchronized void observe(Instant at, long nanos, long answers, long latencyMillisTotal) {
    if (lastAnswers >= 0 && answers >= lastAnswers && nanos > lastNanos) {
      long count = answers - lastAnswers;
      double tps = count * 1e9 / (nanos - lastNanos);
      double latency = count == 0 ? 0 : (double) (latencyMillisTotal - lastLatencyTotal) / count;
      samples.addLast(new NodeSample(at, tps, latency));
      while (samples.size() > capacity) {
        samples.removeFirst();
      }
    }
    lastAnswers = answers;
    lastLatencyTotal = latencyMillisTotal;
    lastNanos = nanos;
  }

  synchronized List<NodeSample> samples() {
    return List.copyOf(samples);
  }

  synchronized NodeSample latest(Instant now) {
    return samples.isEmpty() ? new NodeSample(now, 0, 0) : samples.peekLast();
  }
}
