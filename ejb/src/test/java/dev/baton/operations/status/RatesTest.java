package dev.baton.operations.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aCounterRateIsTheGrowthPerSecondBetweenTheLastTwoReadings() {
    CounterRate rate = new CounterRate();
    assertEquals(0, rate.observe(1_000, 0), "one reading gives no rate yet");
    assertEquals(150, rate.observe(1_300, 2 * SECOND), 1e-9);
    assertEquals(0, rate.observe(1_300, 3 * SECOND), 1e-9);
    assertEquals(0, rate.observe(10, 4 * SECOND), 1e-9, "a counter that restarted starts over");
    assertEquals(5, rate.observe(15, 5 * SECOND), 1e-9);
  }

  @Test
  void aNodeSampleHasTheSecondsAnswersAndTheirMeanLatency() {
    NodeHistory history = new NodeHistory(3);
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    history.observe(t0, 0, 100, 1_000);
    history.observe(t0.plusSeconds(1), SECOND, 140, 1_200);
    history.observe(t0.plusSeconds(2), 2 * SECOND, 140, 1_200);

    List<NodeSample> samples = history.samples();
    assertEquals(2, samples.size());
    assertEquals(40, samples.get(0).tps(), 1e-9);
    assertEquals(5, samples.get(0).latencyMillis(), 1e-9, "200 ms over 40 answers");
    assertEquals(0, samples.get(1).tps(), 1e-9);
    assertEquals(0, samples.get(1).latencyMillis(), 1e-9, "no answers, no latency");
  }

  @Test
  void aNodeHistoryKeepsOnlyItsCapacityOldestFirst() {
    NodeHistory history = new NodeHistory(3);
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 0; i <= 5; i++) {
      history.observe(t0.plusSeconds(i), i * SECOND, i * 10L, 0);
    }
    List<NodeSample> samples = history.samples();
    assertEquals(List.of(t0.plusSeconds(3), t0.plusSeconds(4), t0.plusSeconds(5)), samples.stream().map(NodeSample::at).toList());
  }

  @Test
  void aSessionsTransportAndSignOnStateAreApart() {
    assertEquals(List.of("DISCONNECTED", "SIGNED_OFF"), List.of(SessionStatus.split("DISCONNECTED")));
    assertEquals(List.of("CONNECTED", "SIGNED_OFF"), List.of(SessionStatus.split("CONNECTED")));
    assertEquals(List.of("CONNECTED", "SIGNED_ON"), List.of(SessionStatus.split("SIGNED_ON")));
    assertEquals(List.of("CONNECTED", "SIGNED_OFF"), List.of(SessionStatus.split("SIGNED_OFF")), "signed off, still connected");
  }
}
