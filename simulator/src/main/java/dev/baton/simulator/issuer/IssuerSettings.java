package dev.baton.simulator.issuer;

import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;

/**
 * How a simulated issuer behaves.
 *
 * @param endpoint where it meets the switch (or the acquirer)
 * @param answers the response codes of 0110/0210, weighted
 * @param latency how long each answer waits before it is sent
 * @param neverAnswer share of 0100/0200 that get no answer at all
 */
public record IssuerSettings(
    Endpoint endpoint, WeightedMix answers, LatencyRange latency, double neverAnswer) {

  public IssuerSettings {
    if (neverAnswer < 0 || neverAnswer > 1) {
      throw new IllegalArgumentException("never-answer share must be between 0 and 1");
    }
  }

  /** Which side opens the TCP connection. */
  public sealed interface Endpoint {}

  /** The issuer listens; port 0 takes any free port. */
  public record Listen(int port) implements Endpoint {}

  /** The issuer dials the switch and signs on, as the demo issuers ISS1 and ISS2 do. */
  public record Dial(String host, int port) implements Endpoint {}
}
