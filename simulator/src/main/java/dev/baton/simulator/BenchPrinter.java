package dev.baton.simulator;

import dev.baton.simulator.acquirer.LatencyTimeline;
import dev.baton.simulator.bench.BenchListener;
import dev.baton.simulator.bench.BenchReport;
import dev.baton.simulator.bench.BenchSettings;
import dev.baton.simulator.bench.HostSteal;
import dev.baton.simulator.bench.ProcessorTime;
import dev.baton.simulator.bench.StepResult;
import dev.baton.simulator.bench.TargetReport;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the bench for a person at a terminal: one line per step as it finishes, each starting
 * with the switch's name, then one table side by side. Lines are meant to be pasted into notes.
 */
final class BenchPrinter implements BenchListener {

  /** The goals the product's issue sets for Baton on a 2-core machine. */
  static final double GOAL_SUSTAINED_TPS = 10_000;
  static final double GOAL_P99_MILLIS = 5;
  static final double GOAL_RATIO = 1.0;

  /** Wall-clock times of the step lines, to the millisecond, as the servers' logs write them. */
  /** Stretches of late windows a step line lists at most. */
  private static final int MAX_RUNS_LISTED = 6;

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final BenchSettings settings;
  private final PrintStream out;

  BenchPrinter(BenchSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  void header() {
    out.printf(Locale.ROOT,
        "== bench: %s; steps of %s s; reference %s TPS; ramp %s..%s TPS; a step holds with p99"
            + " <= %s ms, achieved >= %.0f%% of offered, every request answered and approved;"
            + " a step during which the host took more than %s%% of the processors is measured"
            + " again (%d measurements of a step at most) ==%n",
        settings.target().name().toLowerCase(Locale.ROOT),
        number(settings.step().toMillis() / 1000.0), number(settings.referenceRate()),
        number(settings.rampRates().getFirst()), number(settings.rampRates().getLast()),
        number(settings.criteria().p99LimitMillis()),
        settings.criteria().minAchievedShare() * 100, percent(settings.hostSteal().limit()),
        settings.hostSteal().attempts());
    out.flush();
  }

  @Override
  public void starting(String target, String description) {
    line(target, "switch    " + description);
  }

  @Override
  public void note(String target, String text) {
    line(target, text);
  }

  @Override
  public void step(String target, Phase phase, StepResult result, Optional<String> failure) {
    String label = switch (phase) {
      case WARMUP -> "warm-up";
      case REFERENCE -> "reference";
      case RAMP -> "ramp";
    };
    String verdict = phase == Phase.RAMP
        ? failure.map(reason -> "  FAILED: " + reason).orElse("  held")
        : failure.map(reason -> "  (" + reason + ")").orElse("");
    line(target, String.format(Locale.ROOT, "%-9s %6s TPS  %s%s", label,
        number(result.offeredRate()), stepFigures(result), verdict));
    slowWindows(result, settings.criteria().p99LimitMillis()).ifPresent(text -> line(target, text));
    if (phase == Phase.REFERENCE) {
      tail(result).ifPresent(text -> line(target, text));
    }
    if (phase != Phase.WARMUP && settings.hostSteal().attempts() > 1
        && !settings.hostSteal().quiet(result)) {
      line(target, String.format(Locale.ROOT,
          "          the host took more than %s%% of the processors in each of %d attempts: the"
              + " one it took least from counts", percent(settings.hostSteal().limit()),
          settings.hostSteal().attempts()));
    }
    result.processors().ifPresent(split -> line(target, "          " + spent(split)));
  }

  @Override
  public void measuredAgain(String target, Phase phase, StepResult discarded, int attempt,
      HostSteal rule) {
    String label = phase == Phase.REFERENCE ? "reference" : "ramp";
    String next = attempt < rule.attempts()
        ? String.format(Locale.ROOT, "measured again (attempt %d of %d)", attempt + 1,
            rule.attempts())
        : String.format(Locale.ROOT, "the one of the %d it took least from counts",
            rule.attempts());
    line(target, String.format(Locale.ROOT,
        "%-9s %6s TPS  %s  NOT COUNTED: the host took %s%% of the processors (over %s%%); %s",
        label, number(discarded.offeredRate()), stepFigures(discarded),
        discarded.machine()
            .map(load -> String.format(Locale.ROOT, "%.2f", 100 * load.steal())).orElse("?"),
        percent(rule.limit()), next));
    slowWindows(discarded, settings.criteria().p99LimitMillis())
        .ifPresent(text -> line(target, text));
    if (phase == Phase.REFERENCE) {
      tail(discarded).ifPresent(text -> line(target, text));
    }
  }

  /**
   * How many answers of a step were slower than its tail limit, and how many of them were due in
   * the 100 ms windows in which the machine's host took processor time: the share left in the
   * other windows is the step's tail without the host's pauses. Empty where no tail was counted.
   */
  static Optional<String> tail(StepResult step) {
    LatencyTimeline.Windows windows = step.slowestByWindow();
    if (windows.tailMicros() == Long.MAX_VALUE || windows.maxMicros().length == 0) {
      return Optional.empty();
    }
    long answers = 0;
    long slower = 0;
    long answersQuiet = 0;
    long slowerQuiet = 0;
    int stolenWindows = 0;
    boolean timeline = step.machineTimeline().list().size() >= 2;
    for (int i = 0; i < windows.maxMicros().length; i++) {
      answers += windows.answers()[i];
      slower += windows.slowerThanTail()[i];
      boolean stolen = timeline && step.machineTimeline()
          .between(windows.startOf(i), windows.startOf(i + 1))
          .map(share -> share.steal() > 0)
          .orElse(false);
      if (stolen) {
        stolenWindows++;
      } else {
        answersQuiet += windows.answers()[i];
        slowerQuiet += windows.slowerThanTail()[i];
      }
    }
    String limit = number(windows.tailMicros() / 1000.0);
    String all = String.format(Locale.ROOT, "          answers over %s ms: %d of %d (%s)", limit,
        slower, answers, share(slower, answers));
    if (!timeline) {
      return Optional.of(all);
    }
    return Optional.of(all + String.format(Locale.ROOT,
        ", %d of them in the %d of %d windows of %d ms in which the host took processor time;"
            + " in the other windows %d of %d (%s)", slower - slowerQuiet, stolenWindows,
        windows.maxMicros().length, LatencyTimeline.WINDOW_MILLIS, slowerQuiet, answersQuiet,
        share(slowerQuiet, answersQuiet)));
  }

  private static String share(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
  }

  /** A share as a percentage with one decimal: 0.005 is "0.5". */
  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f", 100 * share);
  }

  /**
   * Where a step's processor time went, per request sent: each process's user and system time,
   * what the rest of the machine used, and the whole machine's.
   */
  static String spent(ProcessorTime.Split split) {
    return "processor time per request (microseconds, user+system): " + shares(split);
  }

  private static String shares(ProcessorTime.Split split) {
    StringBuilder text = new StringBuilder();
    for (ProcessorTime.Share share : split.processes()) {
      text.append(String.format(Locale.ROOT, "%s %.0f+%.0f, ", share.name(), share.userMicros(),
          share.systemMicros()));
    }
    return text.append(String.format(Locale.ROOT, "rest of the machine %.0f; all %.0f",
        split.restMicros(), split.allMicros())).toString();
  }

  /**
   * When some answers of a step came later than {@code limitMillis}: in how many of its 100 ms
   * windows, and when the slowest began (UTC, to set beside the servers' logs), so a stall of a
   * few windows shows apart from a step that was late throughout.
   */
  static Optional<String> slowWindows(StepResult step, double limitMillis) {
    LatencyTimeline.Windows windows = step.slowestByWindow();
    int over = windows.over((long) (limitMillis * 1000));
    int slowest = windows.slowest();
    if (over == 0 || slowest < 0) {
      return Optional.empty();
    }
    List<int[]> runs = windows.runsOver((long) (limitMillis * 1000));
    String when = runs.stream()
        .limit(MAX_RUNS_LISTED)
        .map(run -> (run[0] == run[1]
            ? clock(windows, run[0])
            : clock(windows, run[0]) + "-" + clock(windows, run[1] + 1))
            + stealDuring(step, run))
        .collect(Collectors.joining(", "))
        + (runs.size() > MAX_RUNS_LISTED ? ", ..." : "");
    return Optional.of(String.format(Locale.ROOT,
        "          %d of %d windows of %d ms had an answer over %s ms; the slowest, %s ms, from"
            + " %s; over the limit from %s (UTC)",
        over, windows.maxMicros().length, LatencyTimeline.WINDOW_MILLIS, number(limitMillis),
        ms(windows.maxMicros()[slowest] / 1000.0), clock(windows, slowest), when));
  }

  /**
   * What the machine's host took of the processors while a stretch's late answers were awaited:
   * from the first window's start to the last window's end plus the stretch's slowest answer.
   * Empty where the machine's counters were not read.
   */
  private static String stealDuring(StepResult step, int[] run) {
    LatencyTimeline.Windows windows = step.slowestByWindow();
    long slowestMicros = 0;
    for (int i = run[0]; i <= run[1]; i++) {
      slowestMicros = Math.max(slowestMicros, windows.maxMicros()[i]);
    }
    Instant from = windows.startOf(run[0]);
    Instant to = windows.startOf(run[1] + 1).plusNanos(slowestMicros * 1000);
    return step.machineTimeline().between(from, to)
        .map(share -> String.format(Locale.ROOT, " (steal %.0f%%)", 100 * share.steal()))
        .orElse("");
  }

  private static String clock(LatencyTimeline.Windows windows, int index) {
    return CLOCK.format(LocalTime.ofInstant(windows.startOf(index), ZoneOffset.UTC));
  }

  @Override
  public void finished(TargetReport report) {
    if (report.problem().isPresent()) {
      line(report.target(), "NOT MEASURED: " + report.problem().get());
      return;
    }
    String limit = number(settings.criteria().p99LimitMillis());
    if (report.sustainedRate().isEmpty()) {
      line(report.target(), String.format(Locale.ROOT,
          "sustained no rate at p99 <= %s ms (the ramp's first, %s TPS, did not hold)", limit,
          number(settings.rampRates().getFirst())));
      return;
    }
    boolean everyRateHeld = report.ramp().size() == settings.rampRates().size();
    line(report.target(), String.format(Locale.ROOT, "sustained %s TPS at p99 <= %s ms%s",
        number(report.sustainedRate().getAsDouble()), limit,
        everyRateHeld ? " (every rate of the ramp held: give higher --rates)" : ""));
  }

  /** The table of the issue: sustained TPS, latency at the reference rate, Baton/baseline. */
  void sideBySide(BenchReport report) {
    String rate = number(settings.referenceRate());
    out.println("== bench result ==");
    out.printf(Locale.ROOT, "%-36s %12s %12s %15s%n", "metric", "baton", "baseline",
        "baton/baseline");
    row("sustained TPS at p99 <= " + number(settings.criteria().p99LimitMillis()) + " ms",
        report, r -> r.sustainedRate(), "higher is better", true);
    row("p50 ms at " + rate + " TPS", report, r -> latency(r, l -> l.p50()), "lower is better",
        false);
    row("p99 ms at " + rate + " TPS", report, r -> latency(r, l -> l.p99()), "lower is better",
        false);
    row("p999 ms at " + rate + " TPS", report, r -> latency(r, l -> l.p999()), "lower is better",
        false);
    row("max ms at " + rate + " TPS", report, r -> latency(r, l -> l.max()), "lower is better",
        false);
    out.printf(Locale.ROOT, "%-36s %12s %12s%n", "unanswered/declined at " + rate + " TPS",
        losses(report.baton()), losses(report.baseline()));
    report.baton().filter(TargetReport::completed).ifPresent(baton -> goals(baton, report));
    whereTheTimeGoes(report);
    out.flush();
  }

  /**
   * The profile of each switch: where the processor time of one request went at the reference
   * rate and at the highest rate that held, process by process.
   */
  private void whereTheTimeGoes(BenchReport report) {
    List<String> lines = new ArrayList<>();
    for (Optional<TargetReport> target : List.of(report.baton(), report.baseline())) {
      target.ifPresent(r -> {
        r.reference().flatMap(StepResult::processors).ifPresent(split -> lines.add(String.format(
            Locale.ROOT, "%-9s at %s TPS: %s", r.target(), number(settings.referenceRate()),
            shares(split))));
        r.ramp().stream()
            .filter(step -> r.sustainedRate().isPresent()
                && step.offeredRate() == r.sustainedRate().getAsDouble())
            .findFirst()
            .flatMap(StepResult::processors)
            .ifPresent(split -> lines.add(String.format(Locale.ROOT,
                "%-9s at %s TPS (the highest that held): %s", r.target(),
                number(r.sustainedRate().getAsDouble()), shares(split))));
      });
    }
    if (!lines.isEmpty()) {
      out.println("where the time goes: processor time per request, microseconds, user+system");
      lines.forEach(out::println);
    }
  }

  private void goals(TargetReport baton, BenchReport report) {
    OptionalDouble sustained = baton.sustainedRate();
    out.printf(Locale.ROOT, "goal sustained >= %s TPS: %s (baton %s)%n",
        number(GOAL_SUSTAINED_TPS), verdict(sustained.orElse(0) >= GOAL_SUSTAINED_TPS),
        sustained(sustained));
    OptionalDouble p99 = latency(baton, l -> l.p99());
    String stolen = baton.reference().flatMap(StepResult::machine)
        .map(load -> String.format(Locale.ROOT, "; the host took %s%% during the step",
            percent(load.steal())))
        .orElse("");
    out.printf(Locale.ROOT, "goal p99 <= %s ms at %s TPS: %s (baton %s ms%s)%n",
        number(GOAL_P99_MILLIS), number(settings.referenceRate()),
        verdict(p99.isPresent() && p99.getAsDouble() <= GOAL_P99_MILLIS), millis(p99), stolen);
    OptionalDouble ratio = ratio(report, r -> r.sustainedRate());
    out.printf(Locale.ROOT, "goal sustained TPS baton/baseline >= %s: %s (%s)%n",
        number(GOAL_RATIO), verdict(ratio.isPresent() && ratio.getAsDouble() >= GOAL_RATIO),
        ratio.isPresent() ? String.format(Locale.ROOT, "%.2f", ratio.getAsDouble()) : "n/a");
  }

  private void row(String metric, BenchReport report,
      Function<TargetReport, OptionalDouble> value, String better, boolean rate) {
    Function<OptionalDouble, String> show =
        rate ? BenchPrinter::sustainedOrDash : BenchPrinter::millis;
    OptionalDouble ratio = ratio(report, value);
    out.printf(Locale.ROOT, "%-36s %12s %12s %15s  %s%n", metric,
        show.apply(report.baton().map(value).orElse(OptionalDouble.empty())),
        show.apply(report.baseline().map(value).orElse(OptionalDouble.empty())),
        ratio.isPresent() ? String.format(Locale.ROOT, "%.2f", ratio.getAsDouble()) : "n/a",
        better);
  }

  private static OptionalDouble ratio(BenchReport report,
      Function<TargetReport, OptionalDouble> value) {
    OptionalDouble baton = report.baton().map(value).orElse(OptionalDouble.empty());
    OptionalDouble baseline = report.baseline().map(value).orElse(OptionalDouble.empty());
    if (baton.isEmpty() || baseline.isEmpty() || baseline.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(baton.getAsDouble() / baseline.getAsDouble());
  }

  private static OptionalDouble latency(
      TargetReport report, Function<StepResult.Latency, Double> percentile) {
    return report.reference()
        .map(step -> percentile.apply(step.latency()))
        .filter(value -> !value.isNaN())
        .map(OptionalDouble::of)
        .orElse(OptionalDouble.empty());
  }

  private static String losses(Optional<TargetReport> report) {
    return report.flatMap(TargetReport::reference)
        .map(step -> step.unanswered() + "/" + step.declined())
        .orElse("-");
  }

  static String stepFigures(StepResult step) {
    StepResult.Latency latency = step.latency();
    return String.format(Locale.ROOT,
        "achieved %8.1f TPS  p50 %s  p99 %s  p999 %s  max %s ms  sent %d  unanswered %d"
            + "  declined %d",
        step.achievedRate(), ms(latency.p50()), ms(latency.p99()), ms(latency.p999()),
        ms(latency.max()), step.sent(), step.unanswered(), step.declined())
        + step.machine().map(load -> String.format(Locale.ROOT,
            "  machine busy %.0f%% steal %.1f%%", 100 * load.busy(), 100 * load.steal()))
            .orElse("");
  }

  private String sustained(OptionalDouble rate) {
    return rate.isPresent()
        ? number(rate.getAsDouble())
        : "none, below " + number(settings.rampRates().getFirst());
  }

  private static String sustainedOrDash(OptionalDouble rate) {
    return rate.isPresent() ? number(rate.getAsDouble()) : "-";
  }

  private static String millis(OptionalDouble value) {
    return value.isPresent() ? ms(value.getAsDouble()) : "-";
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private void line(String target, String text) {
    out.printf(Locale.ROOT, "%-9s %s%n", target, text);
    out.flush();
  }
}
