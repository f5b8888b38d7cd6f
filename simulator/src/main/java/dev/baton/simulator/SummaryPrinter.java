package dev.baton.simulator;

import dev.baton.simulator.acquirer.AcquirerSettings;
import dev.baton.simulator.acquirer.AcquirerSummary;
import dev.baton.simulator.acquirer.PendingRequest;
import dev.baton.simulator.issuer.IssuerSummary;
import dev.baton.simulator.traffic.CardNumbers;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Writes run summaries for a person at a terminal; one fact per line, easy to grep. */
final class SummaryPrinter {

  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private SummaryPrinter() {}

  static void acquirer(AcquirerSummary summary, PrintStream out) {
    AcquirerSettings settings = summary.settings();
    long timeoutMillis = settings.timeout().toMillis();
    out.println("== acquirer summary ==");
    out.printf(Locale.ROOT, "target         %.1f TPS over %d session(s) to %s:%s for %.1f s%n",
        settings.rate(), settings.sessions(), settings.host(), settings.portList(),
        settings.duration().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "sent           %d  (%s)%n", summary.sent(),
        inline(summary.sentByMti()));
    out.printf(Locale.ROOT, "answered       %d  within %d ms%n", summary.answered(),
        timeoutMillis);
    out.printf(Locale.ROOT, "unanswered     %d%n", summary.unanswered().size());
    out.printf(Locale.ROOT, "late answers   %d  (came after the timeout; already unanswered)%n",
        summary.lateAnswers());
    out.printf(Locale.ROOT, "send failures  %d%n", summary.sendFailures());
    out.printf(Locale.ROOT, "TPS achieved   %.1f sent/s, %.1f answered/s%n",
        summary.sentPerSecond(), summary.answeredPerSecond());
    out.println("answers by MTI and RC");
    summary.answersByMtiAndCode().forEach((key, count) ->
        out.printf(Locale.ROOT, "  %-12s %d%n", key, count));
    latency(summary.latencyMicros(), out);
    if (!summary.unanswered().isEmpty()) {
      out.printf(Locale.ROOT, "requests with no answer within %d ms%n", timeoutMillis);
      for (PendingRequest request : summary.unanswered()) {
        out.println(unansweredLine(request));
      }
    }
  }

  static void issuer(IssuerSummary summary, PrintStream out) {
    out.println("== issuer summary ==");
    out.printf(Locale.ROOT, "received       %s%n", inline(summary.receivedByMti()));
    out.println("answers by MTI and RC");
    summary.answersByMtiAndCode().forEach((key, count) ->
        out.printf(Locale.ROOT, "  %-12s %d%n", key, count));
    out.printf(Locale.ROOT, "never answered %d%n", summary.neverAnswered());
    out.printf(Locale.ROOT, "send failures  %d%n", summary.sendFailures());
  }

  /** The line for one request that got no answer: enough to find it in the switch's logs. */
  static String unansweredLine(PendingRequest request) {
    return String.format(Locale.ROOT, "UNANSWERED mti=%s stan=%s session=%d pan=%s sent-at=%s",
        request.mti(), request.stan(), request.session(), CardNumbers.mask(request.pan()),
        request.sentAt());
  }

  private static void latency(Histogram micros, PrintStream out) {
    if (micros.getTotalCount() == 0) {
      out.println("latency        no answers");
      return;
    }
    StringBuilder line = new StringBuilder("latency ms     ");
    for (double percentile : PERCENTILES) {
      line.append(String.format(Locale.ROOT, "p%s %.3f  ",
          percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : percentile,
          micros.getValueAtPercentile(percentile) / 1000.0));
    }
    line.append(String.format(Locale.ROOT, "max %.3f  (n=%d, from the scheduled send time)",
        micros.getMaxValue() / 1000.0, micros.getTotalCount()));
    out.println(line);
  }

  private static String inline(Map<String, Long> counts) {
    return counts.isEmpty()
        ? "none"
        : counts.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue())
            .collect(Collectors.joining(", "));
  }
}
