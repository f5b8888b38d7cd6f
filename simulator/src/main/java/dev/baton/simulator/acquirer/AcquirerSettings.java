package dev.baton.simulator.acquirer;

import dev.baton.simulator.traffic.WeightedMix;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an acquirer run does.
 *
 * @param ports the ports to dial; sessions take them in turn, so with {@code 10001,10002} and four
 *     sessions, sessions 0 and 2 go to 10001 and sessions 1 and 3 to 10002 (two acquirer banks
 *     carrying one load, as the benchmark needs)
 * @param sessions how many sessions to open, each signed on on its own
 * @param rate requests per second over all sessions together
 * @param cards BIN prefixes of the card numbers sent, weighted
 * @param reversalRatio share of approved requests followed by a 0400
 * @param financialShare share of requests sent as 0200 instead of 0100
 * @param timeout how long a request may wait for its answer before it counts as unanswered
 */
public record AcquirerSettings(
    String host,
    List<Integer> ports,
    int sessions,
    double rate,
    Duration duration,
    WeightedMix cards,
    double reversalRatio,
    double financialShare,
    Duration timeout) {

  public AcquirerSettings {
    ports = List.copyOf(ports);
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("at least one port");
    }
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

  /** The port session {@code index} dials. */
  public int port(int index) {
    return ports.get(index % ports.size());
  }

  /** The ports as written on the command line: {@code 10001,10002}. */
  public String portList() {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * The same sessions and traffic at another rate, for another time and with another wait for
   * answers: the next step of a bench.
   */
  public AcquirerSettings at(double otherRate, Duration otherDuration, Duration otherTimeout) {
    return new AcquirerSettings(host, ports, sessions, otherRate, otherDuration, cards,
        reversalRatio, financialShare, otherTimeout);
  }

  /** Nanoseconds between two requests of one session, so all sessions add up to the rate. */
  long sessionIntervalNanos() {
    return Math.max(1, Math.round(1e9 * sessions / rate));
  }
}
