package dev.baton.simulator.acquirer;

import dev.baton.simulator.traffic.WeightedMix;
import java.time.Duration;

/**
 * What an acquirer run does.
 *
 * @param sessions how many sessions to open, each signed on on its own
 * @param rate requests per second over all sessions together
 * @param cards BIN prefixes of the card numbers sent, weighted
 * @param reversalRatio share of approved requests followed by a 0400
 * @param financialShare share of requests sent as 0200 instead of 0100
 * @param timeout how long a request may wait for its answer before it counts as unanswered
 */
public record AcquirerSettings(
    String host,
    int port,
    int sessions,
    double rate,
    Duration duration,
    WeightedMix cards,
    double reversalRatio,
    double financialShare,
    Duration timeout) {

  public AcquirerSettings {
    if (sessions < 1) {
      throw new IllegalArgumentException("sessions must be at least 1");
    }
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be more than 0");
    }
    if (reversalRatio < 0 || reversalRatio > 1 || financialShare < 0 || financialShare > 1) {
      throw new IllegalArgumentException("ratios must be between 0 and 1");
    }
  }

  /** Nanoseconds between two requests of one session, so all sessions add up to the rate. */
  long sessionIntervalNanos() {
    return Math.max(1, Math.round(1e9 * sessions / rate));
  }
}
