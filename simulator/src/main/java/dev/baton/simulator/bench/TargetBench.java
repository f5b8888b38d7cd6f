package dev.baton.simulator.bench;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.acquirer.AcquirerSimulator;
import dev.baton.simulator.acquirer.AcquirerSummary;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Measures one switch: issuers dial in and sign on, probes wait until the path approves, then
 * the warm-up, the step at the reference rate and the ramp.
 */
final class TargetBench {

  private static final Duration SIGN_ON_WITHIN = Duration.ofSeconds(30);
  private static final Duration APPROVALS_WITHIN = Duration.ofSeconds(30);
  private static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);
  private static final double PROBE_RATE = 50;
  private static final Duration PROBE_STEP = Duration.ofMillis(400);
  private static final long PROBE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final String target;
  private final SwitchPorts ports;
  private final BenchSettings settings;
  private final BenchListener listener;
  /** The bench's own JVM (acquirers and issuers) as a step's processor time names it. */
  static final String BENCH_PROCESS = "bench";

  /** Processes whose processor time each step reports, the bench's last. */
  private final Map<String, Long> processes;
  /** The acquirers' signed-on sessions while a run is under way. */
  private AcquirerSimulator.Open acquirers;

  /**
   * @param processes the switch's processes by name, whose processor time each step reports
   *     beside the bench's own JVM's (its acquirers and issuers)
   */
  TargetBench(String target, SwitchPorts ports, BenchSettings settings, BenchListener listener,
      Map<String, Long> processes) {
    this.target = target;
    this.ports = ports;
    this.settings = settings;
    this.listener = listener;
    this.processes = new LinkedHashMap<>(processes);
    this.processes.put(BENCH_PROCESS, ProcessHandle.current().pid());
  }

  TargetReport run() {
    try (BenchIssuers issuers = BenchIssuers.dial(ports)) {
      return measure(issuers);
    } catch (IOException e) {
      return TargetReport.failed(target, e.getMessage());
    }
  }

  private TargetReport measure(BenchIssuers issuers) throws IOException {
    try {
      issuers.awaitSignedOn(SIGN_ON_WITHIN);
      listener.note(target, "issuers signed on: " + ports.issuerPortsByBin().entrySet().stream()
          .map(e -> "BIN " + e.getKey() + " on :" + e.getValue())
          .collect(Collectors.joining(", ")) + " (approve all, no added latency)");
      awaitApprovals(APPROVALS_WITHIN, false);
      if (!settings.warmup().isZero()) {
        phase(BenchListener.Phase.WARMUP, settings.warmup());
      }
      StepResult reference = phase(BenchListener.Phase.REFERENCE, settings.step());
      Ramp.Outcome ramp = Ramp.climb(
          settings.rampRates(),
          rate -> counted(BenchListener.Phase.RAMP, rate, settings.step()),
          settings.criteria(),
          (step, failure) -> listener.step(target, BenchListener.Phase.RAMP, step, failure));
      return new TargetReport(
          target, Optional.of(reference), ramp.steps(), ramp.sustainedRate(), Optional.empty());
    } finally {
      if (acquirers != null) {
        acquirers.close();
        acquirers = null;
      }
    }
  }

  private StepResult phase(BenchListener.Phase phase, Duration duration) throws IOException {
    double rate = settings.referenceRate();
    StepResult result = phase == BenchListener.Phase.WARMUP
        ? measured(rate, duration)
        : counted(phase, rate, duration);
    Optional<String> failure = settings.criteria().failure(result);
    listener.step(target, phase, result, failure);
    if (failure.isPresent()) {
      settle();
    }
    return result;
  }

  /**
   * An overloaded switch still works off its backlog (or times it out with RC 91) after the
   * acquirers stop; the next step must not inherit it.
   */
  private void settle() throws IOException {
    awaitApprovals(SETTLE_WITHIN, true);
  }

  /**
   * A step that counts: measured again while the machine's host took more of the processors
   * than the settings let count (see {@link HostSteal}), each discarded attempt said.
   */
  private StepResult counted(BenchListener.Phase phase, double rate, Duration duration)
      throws IOException {
    return settings.hostSteal().measure(
        () -> measured(rate, duration),
        (discarded, attempt) -> {
          listener.measuredAgain(target, phase, discarded, attempt, settings.hostSteal());
          if (settings.criteria().failure(discarded).isPresent()) {
            settle();
          }
        });
  }

  /**
   * Sends small bursts until one comes back fully approved: the issuers' sign-on may reach the
   * switch's routing a moment after the 0810, and a relay chain connects hop by hop. After an
   * overloaded step ({@code settling}), also until the burst's p99 is within the limit again.
   */
  private void awaitApprovals(Duration within, boolean settling) throws IOException {
    long start = System.nanoTime();
    for (int probes = 1; ; probes++) {
      StepResult probe = StepResult.of(PROBE_RATE, send(PROBE_RATE, PROBE_STEP,
          Duration.ofSeconds(2)));
      boolean approved = probe.sent() > 0 && probe.unanswered() == 0 && probe.declined() == 0;
      boolean prompt = probe.latency().p99() <= settings.criteria().p99LimitMillis();
      if (approved && (prompt || !settling)) {
        listener.note(target, String.format(Locale.ROOT,
            "%s: %d probe requests approved, p99 %.3f ms (probe %d, after %.1f s)",
            settling ? "settled" : "path ready", probe.sent(), probe.latency().p99(), probes,
            (System.nanoTime() - start) / 1e9));
        return;
      }
      if (System.nanoTime() - start > within.toNanos()) {
        String last = String.format(Locale.ROOT, "last probe sent %d, %d unanswered, %d declined,"
            + " p99 %.3f ms", probe.sent(), probe.unanswered(), probe.declined(),
            probe.latency().p99());
        if (settling) {
          listener.note(target, "not settled within " + within.toSeconds() + " s (" + last
              + "); going on");
          return;
        }
        throw new IOException("no full approval through " + target + " within "
            + within.toSeconds() + " s: " + last);
      }
      LockSupport.parkNanos(PROBE_PAUSE_NANOS);
    }
  }

  /** One step at {@code rate}, with how busy the machine was while it ran, and who used it. */
  private StepResult measured(double rate, Duration duration) throws IOException {
    Optional<ProcessorTime> spentBefore = ProcessorTime.now(processes);
    MachineTimeline timeline = MachineTimeline.start();
    AcquirerSummary summary;
    try {
      summary = send(rate, duration, settings.timeout());
    } finally {
      timeline.close();
    }
    Optional<ProcessorTime> spentAfter = ProcessorTime.now(processes);
    MachineTimeline.Samples samples = timeline.samples();
    StepResult step = StepResult.of(rate, summary).on(samples.whole()).withMachineTimeline(samples);
    if (spentBefore.isPresent() && spentAfter.isPresent()) {
      step = spentBefore.get().until(spentAfter.get(), step.sent()).map(step::withProcessors)
          .orElse(step);
    }
    return step;
  }

  /**
   * One run on the acquirers' sessions, which stay signed on from the first probe to the last step,
   * as banks' sessions stay up: sessions opened anew for every step made each step begin with
   * their connection and sign-on, which a switch started a minute before has run only once or
   * twice (its first answers of the step then came up to a hundred milliseconds late while it
   * compiled that path). They are opened again only when the switch closed one.
   */
  private AcquirerSummary send(double rate, Duration duration, Duration timeout)
      throws IOException {
    if (acquirers != null && !acquirers.connected()) {
      listener.note(target, "an acquirer session was closed by the switch; signing on again");
      acquirers.close();
      acquirers = null;
    }
    if (acquirers == null) {
      int banks = ports.acquirerPorts().size();
      acquirers = AcquirerSimulator.open(new AcquirerSettings(
          ports.host(), ports.acquirerPorts(), settings.sessionsPerAcquirer() * banks, rate,
          duration, settings.cards(), 0, 0, timeout));
    }
    return acquirers.run(rate, duration, timeout, settings.tail());
  }
}
