package dev.baton.simulator.baseline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One relay of the jPOS baseline: the ports it accepts sessions on and where it forwards what
 * arrives there.
 *
 * @param name a short name, unique among the relays in one JVM (it prefixes every Q2 bean, space
 *     and queue of the relay), e.g. {@code r1}
 * @param listenPorts ports of the QServers that take requests from the previous hop (the
 *     acquirers for the first relay)
 * @param downstream the next hop
 * @param timeout how long a forwarded request may wait for its answer before the relay declines
 *     it with RC 91
 * @param noDelay whether the relay's sockets turn Nagle's algorithm off, as Baton's do (jPOS's
 *     stock sockets leave it on)
 */
public record RelaySpec(
    String name,
    List<Integer> listenPorts,
    Downstream downstream,
    Duration timeout,
    boolean noDelay) {

  public RelaySpec {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("relay name must be lower-case letters and digits");
    }
    listenPorts = List.copyOf(listenPorts);
    if (listenPorts.isEmpty()) {
      throw new IllegalArgumentException("a relay listens on at least one port");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("relay timeout must be positive");
    }
  }

  /** Where a relay sends the requests it takes. */
  public sealed interface Downstream {}

  /** Dial the next relay: a ChannelAdaptor, and a QMUX over it. */
  public record NextRelay(String host, int port) implements Downstream {}

  /**
   * Let the issuers dial in, one QServer per issuer, and route each request by the first digits
   * of its card number (field 2) to the QMUX of the issuer's session.
   *
   * @param portsByBin issuer ports by BIN prefix, e.g. {@code 4 -> 10011, 5 -> 10012}
   */
  public record Issuers(Map<String, Integer> portsByBin) implements Downstream {
    public Issuers {
      if (portsByBin.isEmpty()) {
        throw new IllegalArgumentException("at least one issuer");
      }
      portsByBin = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(portsByBin));
    }
  }
}
