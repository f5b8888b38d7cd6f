package dev.baton.simulator.bench;

import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The bench's issuers: one per BIN, in this JVM, dialing the switch's issuer port and signing on,
 * approving everything at once so the latency measured is the switch's.
 */
final class BenchIssuers implements AutoCloseable {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final List<IssuerSimulator> issuers;

  private BenchIssuers(List<IssuerSimulator> issuers) {
    this.issuers = issuers;
  }

  static BenchIssuers dial(SwitchPorts ports) throws IOException {
    List<IssuerSimulator> issuers = new ArrayList<>();
    for (int port : ports.issuerPortsByBin().values()) {
      IssuerSimulator issuer = new IssuerSimulator(new IssuerSettings(
          new IssuerSettings.Dial(ports.host(), port), WeightedMix.only("00"), LatencyRange.NONE,
          0));
      issuers.add(issuer);
      issuer.start();
    }
    return new BenchIssuers(issuers);
  }

  /** Waits until every issuer is signed on; throws when one is not within {@code within}. */
  void awaitSignedOn(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!issuers.stream().allMatch(IssuerSimulator::signedOn)) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "issuers not signed on within " + within.toSeconds() + " s");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  @Override
  public void close() {
    issuers.forEach(IssuerSimulator::close);
  }
}
