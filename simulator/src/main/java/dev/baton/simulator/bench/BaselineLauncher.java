package dev.baton.simulator.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Starts the jPOS baseline for one bench run. */
@FunctionalInterface
public interface BaselineLauncher {

  /**
   * @param bins the BIN prefixes to route, one issuer each
   * @param acquirers how many acquirer ports to open
   * @param relayTimeout how long a relay waits for the next hop before it answers RC 91
   * @param noDelay whether the relays turn Nagle's algorithm off, as Baton does
   * @throws IOException when the baseline does not come up
   */
  SwitchUnderTest start(List<String> bins, int acquirers, Duration relayTimeout, boolean noDelay)
      throws IOException;
}
