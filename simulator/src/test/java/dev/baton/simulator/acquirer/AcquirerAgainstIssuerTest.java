package dev.baton.simulator.acquirer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import dev.baton.simulator.issuer.IssuerSummary;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The acquirer dials the issuer simulator straight, as it would dial the switch. */
@Timeout(30)
class AcquirerAgainstIssuerTest {

  private static final WeightedMix CARDS = WeightedMix.parse("4=60,5=40", k -> true, "");

  @Test
  void everyRequestIsAnsweredWhenTheIssuerAnswersAll() throws IOException {
    IssuerSettings issuerSettings =
        new IssuerSettings(new IssuerSettings.Listen(0), WeightedMix.only("00"),
            new LatencyRange(Duration.ZERO, Duration.ofMillis(1)), 0);
    try (IssuerSimulator issuer = new IssuerSimulator(issuerSettings)) {
      issuer.start();
      AcquirerSummary summary =
          new AcquirerSimulator(acquirer(issuer.port(), 300, 0, 0.3, Duration.ofSeconds(2)))
              .run();

      long expected = Math.round(300 * 1.5);
      assertTrue(Math.abs(summary.sent() - expected) <= 5, "sent " + summary.sent());
      assertEquals(summary.sent(), summary.answered());
      assertTrue(summary.unanswered().isEmpty());
      assertEquals(0, summary.lateAnswers());
      assertEquals(0, summary.sendFailures());
      assertTrue(summary.sent("0200") > 0, "some 0200 with a 0.3 financial share");
      assertEquals(summary.sent("0100"), summary.answers("0110", "00"));
      assertEquals(summary.sent("0200"), summary.answers("0210", "00"));
      assertEquals(summary.answered(), summary.latencyMicros().getTotalCount());
      awaitIssuerCounted(issuer, summary);
      assertEquals(summary.sent("0100"), issuer.summary().received("0100"));
    }
  }

  @Test
  void neverAnsweredRequestsAreListedAndApprovalsAreReversed() throws IOException {
    IssuerSettings issuerSettings =
        new IssuerSettings(new IssuerSettings.Listen(0),
            WeightedMix.parse("00=80,05=20", k -> true, ""),
            new LatencyRange(Duration.ZERO, Duration.ofMillis(2)), 0.1);
    try (IssuerSimulator issuer = new IssuerSimulator(issuerSettings)) {
      issuer.start();
      AcquirerSummary summary =
          new AcquirerSimulator(acquirer(issuer.port(), 400, 0.2, 0, Duration.ofSeconds(1)))
              .run();
      awaitIssuerCounted(issuer, summary);
      IssuerSummary issued = issuer.summary();

      assertEquals(summary.sent(), summary.answered() + summary.unanswered().size());
      assertEquals(issued.neverAnswered(), summary.unanswered().size());
      assertTrue(summary.unanswered().size() > 0, "a 0.1 never-answer share leaves some");
      for (PendingRequest missing : summary.unanswered()) {
        assertEquals("0100", missing.mti());
        assertTrue(Set.of(0, 1).contains(missing.session()));
        assertTrue(missing.pan().startsWith("4") || missing.pan().startsWith("5"));
      }
      long approved = summary.answers("0110", "00");
      long declined = summary.answers("0110", "05");
      double declineShare = declined / (double) (approved + declined);
      assertTrue(declineShare > 0.1 && declineShare < 0.3, "declined share " + declineShare);

      long reversals = summary.sent("0400");
      assertTrue(reversals > approved * 0.1 && reversals < approved * 0.3,
          reversals + " reversals of " + approved + " approvals");
      assertEquals(reversals, summary.answers("0410", "00"));
      assertEquals(reversals, issued.received("0400"));
      assertEquals(issued.received("0100"), summary.sent("0100"));
    }
  }

  @Test
  void sessionsTakeThePortsInTurnSoTwoAcquirerPortsShareTheLoad() throws IOException {
    IssuerSettings listening = new IssuerSettings(new IssuerSettings.Listen(0),
        WeightedMix.only("00"), LatencyRange.NONE, 0);
    try (IssuerSimulator first = new IssuerSimulator(listening);
        IssuerSimulator second = new IssuerSimulator(listening)) {
      first.start();
      second.start();
      AcquirerSummary summary = new AcquirerSimulator(new AcquirerSettings("127.0.0.1",
          List.of(first.port(), second.port()), 4, 200, Duration.ofMillis(500), CARDS, 0, 0,
          Duration.ofSeconds(2))).run();
      awaitIssuerCounted(first, second, summary);

      assertEquals(summary.sent(), summary.answered());
      assertEquals(summary.sent(), first.summary().received("0100")
          + second.summary().received("0100"));
      assertEquals(summary.sent() / 2.0, first.summary().received("0100"), 2,
          "sessions 0 and 2 dial the first port, 1 and 3 the second");
    }
  }

  @Test
  void runsOnSessionsOpenedOnceSignOnOnceAndCountEachRunApart() throws IOException {
    IssuerSettings listening = new IssuerSettings(new IssuerSettings.Listen(0),
        WeightedMix.only("00"), LatencyRange.NONE, 0);
    try (IssuerSimulator issuer = new IssuerSimulator(listening)) {
      issuer.start();
      AcquirerSummary first;
      AcquirerSummary second;
      try (AcquirerSimulator.Open open =
          AcquirerSimulator.open(acquirer(issuer.port(), 200, 0, 0, Duration.ofSeconds(2)))) {
        first = open.run(200, Duration.ofMillis(500), Duration.ofSeconds(2));
        second = open.run(400, Duration.ofMillis(500), Duration.ofSeconds(2));
        assertTrue(open.connected());
        eventually(() -> issuer.summary().received("0100") >= first.sent() + second.sent());
        assertEquals(2, issuer.summary().received("0800"), "two sessions signed on once each");
      }
      assertEquals(first.sent(), first.answered());
      assertEquals(second.sent(), second.answered());
      assertEquals(100, first.sent(), 3);
      assertEquals(200, second.sent(), 3);
      assertEquals(first.answered(), first.latencyMicros().getTotalCount());
      assertEquals(second.answered(), second.latencyMicros().getTotalCount());
      eventually(() -> issuer.summary().received("0800") == 4); // and signed off once each
    }
  }

  @Test
  void sessionsWhosePeerClosedTheirConnectionAreNoLongerConnected() throws IOException {
    IssuerSimulator issuer = new IssuerSimulator(new IssuerSettings(new IssuerSettings.Listen(0),
        WeightedMix.only("00"), LatencyRange.NONE, 0));
    issuer.start();
    boolean issuerClosed = false;
    try (AcquirerSimulator.Open open =
        AcquirerSimulator.open(acquirer(issuer.port(), 10, 0, 0, Duration.ofSeconds(1)))) {
      assertTrue(open.connected());
      issuer.close(); // closes the connections it accepted
      issuerClosed = true;
      eventually(() -> !open.connected());
    } finally {
      if (!issuerClosed) {
        issuer.close();
      }
    }
  }

  @Test
  void aRefusedConnectionFailsTheRunBeforeAnythingIsSent() throws IOException {
    int closedPort;
    try (var probe = new java.net.ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    IOException failure =
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> new AcquirerSimulator(acquirer(closedPort, 10, 0, 0, Duration.ofSeconds(1)))
                .run());
    assertTrue(failure.getMessage().startsWith("session 0 cannot connect"),
        failure.getMessage());
  }

  private static AcquirerSettings acquirer(
      int port, double rate, double reversals, double financial, Duration timeout) {
    return new AcquirerSettings("127.0.0.1", List.of(port), 2, rate, Duration.ofMillis(1500),
        CARDS, reversals, financial, timeout);
  }

  /** The issuer counts an answer just after writing it, so give it a moment to catch up. */
  private static void awaitIssuerCounted(IssuerSimulator issuer, AcquirerSummary summary) {
    eventually(() -> issuer.summary().answersByMtiAndCode().values().stream()
        .mapToLong(Long::longValue).sum()
        >= summary.answered() + 4 /* two sign-ons and two sign-offs */);
  }

  private static void awaitIssuerCounted(
      IssuerSimulator first, IssuerSimulator second, AcquirerSummary summary) {
    eventually(() -> first.summary().received("0800") + second.summary().received("0800") >= 8
        && first.summary().received("0100") + second.summary().received("0100")
            >= summary.sent());
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
