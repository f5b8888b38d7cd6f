package dev.baton.simulator.bench;

import dev.baton.simulator.traffic.WeightedMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a bench run measures and how.
 *
 * @param baton where the Baton topology (started by {@code ./baton up}) takes banks
 * @param sessionsPerAcquirer sessions on each acquirer port
 * @param cards BIN prefixes of the card numbers sent, weighted; each must have an issuer
 * @param referenceRate the rate of the latency step (1,800 TPS in the product's goals)
 * @param rampRates the ramp's rates, increasing
 * @param step how long each step sends
 * @param warmup a first run at the reference rate whose results are dropped (JIT, connections)
 * @param criteria when a step holds
 * @param timeout how long an acquirer waits for an answer before counting it unanswered
 * @param relayTimeout how long a baseline relay waits for the next hop before answering RC 91
 * @param baselineNoDelay whether the baseline's sockets turn Nagle's algorithm off, as Baton's
 *     do; jPOS's stock sockets leave it on
 * @param pidDir where {@code ./baton up} keeps its processes' pid files ({@code work/run}): the
 *     Baton processes whose processor time each step reports; none when Baton runs elsewhere
 * @param tail answers slower than this are counted per 100 ms window of a step, to set beside
 *     what the machine's host took in the same windows (the p99 goal at the reference rate)
 * @param hostSteal when a step is measured again because the host took the processors
 */
public record BenchSettings(
    Target target,
    SwitchPorts baton,
    int sessionsPerAcquirer,
    WeightedMix cards,
    double referenceRate,
    List<Double> rampRates,
    Duration step,
    Duration warmup,
    HoldCriteria criteria,
    Duration timeout,
    Duration relayTimeout,
    boolean baselineNoDelay,
    Optional<Path> pidDir,
    Duration tail,
    HostSteal hostSteal) {

  /** Which switches to measure. */
  public enum Target {
    BATON,
    BASELINE,
    BOTH;

    boolean includesBaton() {
      return this != BASELINE;
    }

    boolean includesBaseline() {
      return this != BATON;
    }
  }

  public BenchSettings {
    rampRates = List.copyOf(rampRates);
    if (sessionsPerAcquirer < 1) {
      throw new IllegalArgumentException("at least one session per acquirer");
    }
    for (int i = 1; i < rampRates.size(); i++) {
      if (rampRates.get(i) <= rampRates.get(i - 1)) {
        throw new IllegalArgumentException("ramp rates must increase");
      }
    }
  }
}
