package dev.baton.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark of the product's issue: the same load through Baton and through a bare jPOS
 * baseline with the same number of hops, one after the other in one run, so the two can be set
 * side by side.
 */
public final class Bench {

  static final String BATON = "baton";
  static final String BASELINE = "baseline";
  private static final int PROBE_CONNECT_MILLIS = 1_000;

  private final BenchSettings settings;
  private final BaselineLauncher baseline;
  private final BenchListener listener;

  public Bench(BenchSettings settings, BaselineLauncher baseline, BenchListener listener) {
    this.settings = settings;
    this.baseline = baseline;
    this.listener = listener;
  }

  public BenchReport run() {
    Optional<TargetReport> baton = Optional.empty();
    Optional<TargetReport> jpos = Optional.empty();
    if (settings.target().includesBaton()) {
      baton = Optional.of(measureBaton());
    }
    if (settings.target().includesBaseline()) {
      jpos = Optional.of(measureBaseline());
    }
    return new BenchReport(baton, jpos);
  }

  private TargetReport measureBaton() {
    SwitchPorts ports = settings.baton();
    List<String> closed = closedPorts(ports);
    if (!closed.isEmpty()) {
      TargetReport report = TargetReport.failed(BATON,
          "not listening on " + String.join(", ", closed) + " (start it with ./baton up)");
      listener.finished(report);
      return report;
    }
    listener.starting(BATON, "Baton at " + ports.host() + ", " + ports.describe());
    TargetReport report = new TargetBench(BATON, ports, settings, listener).run();
    listener.finished(report);
    return report;
  }

  private TargetReport measureBaseline() {
    List<String> bins = List.copyOf(settings.baton().issuerPortsByBin().keySet());
    int acquirers = settings.baton().acquirerPorts().size();
    TargetReport report;
    try (SwitchUnderTest relays = baseline.start(bins, acquirers, settings.relayTimeout(),
        settings.baselineNoDelay())) {
      listener.starting(BASELINE, relays.description());
      report = new TargetBench(BASELINE, relays.ports(), settings, listener).run();
    } catch (IOException e) {
      report = TargetReport.failed(BASELINE, "did not start: " + e.getMessage());
    }
    listener.finished(report);
    return report;
  }

  /** The ports of {@code ports} nobody accepts connections on, as {@code host:port}. */
  static List<String> closedPorts(SwitchPorts ports) {
    List<Integer> all = new ArrayList<>(ports.acquirerPorts());
    all.addAll(ports.issuerPortsByBin().values());
    List<String> closed = new ArrayList<>();
    for (int port : all) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(ports.host(), port), PROBE_CONNECT_MILLIS);
      } catch (IOException e) {
        closed.add(ports.host() + ":" + port);
      }
    }
    return closed;
  }
}
