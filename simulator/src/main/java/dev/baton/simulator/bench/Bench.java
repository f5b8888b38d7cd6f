package dev.baton.simulator.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    Map<String, Long> processes = batonProcesses();
    TargetReport report = new TargetBench(BATON, ports, settings, listener, processes).run();
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
      report = new TargetBench(BASELINE, relays.ports(), settings, listener, relays.processes())
          .run();
    } catch (IOException e) {
      report = TargetReport.failed(BASELINE, "did not start: " + e.getMessage());
    }
    listener.finished(report);
    return report;
  }

  /**
   * Baton's processes from {@code --pid-dir}, said in a note (or why there are none), so that
   * each step's processor time can be read against them.
   */
  private Map<String, Long> batonProcesses() {
    if (settings.pidDir().isEmpty()) {
      return Map.of();
    }
    Path dir = settings.pidDir().get();
    List<String> unreadable = new ArrayList<>();
    Map<String, Long> processes = PidFiles.read(dir, unreadable);
    if (!unreadable.isEmpty()) {
      listener.note(BATON, "pid files without a process number, left out: "
          + String.join(", ", unreadable));
    }
    listener.note(BATON, processes.isEmpty()
        ? "no pid files in " + dir + ": the steps report the bench's and the machine's processor"
            + " time only"
        : "processor time reported per step for " + processes.entrySet().stream()
            .map(e -> e.getKey() + " (pid " + e.getValue() + ")")
            .collect(Collectors.joining(", ")));
    return processes;
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
