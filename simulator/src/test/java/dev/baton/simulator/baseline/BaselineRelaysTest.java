package dev.baton.simulator.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import dev.baton.simulator.message.BankChannels;
import dev.baton.simulator.message.BankMessages;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The three relays in one Q2, with the simulator's issuers dialing in and a test acquirer. */
@Timeout(60)
class BaselineRelaysTest {

  private static final List<String> BINS = List.of("4", "5");

  @Test
  void relaysTheIssuersAnswerToTheAcquirerWithStanRrnAndTerminalIntact() throws Exception {
    try (InProcessBaseline baseline = baseline(2, Duration.ofSeconds(5));
        IssuerSimulator approving = issuer(baseline, "4", WeightedMix.only("00"), 0);
        IssuerSimulator declining = issuer(baseline, "5", WeightedMix.only("05"), 0)) {
      awaitSignedOn(approving, declining);
      NACChannel acq1 = signedOnAcquirer(baseline.ports().acquirerPorts().get(0));
      NACChannel acq2 = signedOnAcquirer(baseline.ports().acquirerPorts().get(1));

      ISOMsg approval = exchange(acq1, request("4111111111111111", "000101", "TERM0001"));
      ISOMsg decline = exchange(acq2, request("5111111111111118", "000102", "TERM0002"));

      assertEquals("0110", approval.getMTI());
      assertEquals("00", approval.getString(39));
      assertEquals("000101", approval.getString(11));
      assertEquals("RRN000000101", approval.getString(37));
      assertEquals("TERM0001", approval.getString(41));
      assertEquals("05", decline.getString(39), "BIN 5 goes to the issuer of BIN 5");
      assertEquals("TERM0002", decline.getString(41));
      assertEquals(1, approving.summary().received("0100"));
      assertEquals(1, declining.summary().received("0100"));
      acq1.disconnect();
      acq2.disconnect();
    }
  }

  @Test
  void declinesWithRc91WhenTheIssuerNeverAnswers() throws Exception {
    try (InProcessBaseline baseline = baseline(1, Duration.ofMillis(300));
        IssuerSimulator silent = issuer(baseline, "4", WeightedMix.only("00"), 1.0)) {
      awaitSignedOn(silent);
      NACChannel acquirer = signedOnAcquirer(baseline.ports().acquirerPorts().get(0));

      long start = System.nanoTime();
      ISOMsg answer = exchange(acquirer, request("4000000000000002", "000201", "TERM0003"));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);

      assertEquals("0110", answer.getMTI());
      assertEquals("91", answer.getString(39));
      assertEquals("000201", answer.getString(11));
      assertEquals("TERM0003", answer.getString(41));
      assertTrue(waited.compareTo(Duration.ofMillis(250)) >= 0, "after the timeout: " + waited);
      assertEquals(1, silent.summary().neverAnswered());
      acquirer.disconnect();
    }
  }

  @Test
  void declinesWithRc91AtOnceWhileNoIssuerIsSignedOn() throws Exception {
    try (InProcessBaseline baseline = baseline(1, Duration.ofSeconds(20))) {
      NACChannel acquirer = signedOnAcquirer(baseline.ports().acquirerPorts().get(0));

      long start = System.nanoTime();
      ISOMsg answer = exchange(acquirer, request("4000000000000002", "000301", "TERM0004"));

      assertEquals("91", answer.getString(39));
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(),
          "not after the 20 s relay timeout");
      acquirer.disconnect();
    }
  }

  @Test
  void answersEchoesItself() throws Exception {
    try (InProcessBaseline baseline = baseline(1, Duration.ofSeconds(5))) {
      NACChannel acquirer = signedOnAcquirer(baseline.ports().acquirerPorts().get(0));

      ISOMsg echo = exchange(acquirer, BankMessages.networkManagement("301", "000401"));

      assertEquals("0810", echo.getMTI());
      assertEquals("00", echo.getString(39));
      assertEquals("301", echo.getString(70));
      acquirer.disconnect();
    }
  }

  private static InProcessBaseline baseline(int acquirers, Duration relayTimeout)
      throws Exception {
    return InProcessBaseline.start(BINS, acquirers, relayTimeout, true);
  }

  private static IssuerSimulator issuer(
      InProcessBaseline baseline, String bin, WeightedMix answers, double neverAnswer)
      throws Exception {
    IssuerSimulator issuer = new IssuerSimulator(new IssuerSettings(
        new IssuerSettings.Dial("127.0.0.1", baseline.ports().issuerPortsByBin().get(bin)),
        answers, LatencyRange.NONE, neverAnswer));
    issuer.start();
    return issuer;
  }

  private static NACChannel signedOnAcquirer(int port) throws Exception {
    NACChannel channel = BankChannels.dialing("127.0.0.1", port);
    channel.setTimeout(5_000);
    channel.connect();
    ISOMsg answer = exchange(channel, BankMessages.networkManagement("001", "000001"));
    assertEquals("0810", answer.getMTI());
    assertEquals("00", answer.getString(39));
    return channel;
  }

  private static ISOMsg exchange(NACChannel channel, ISOMsg request) throws Exception {
    channel.send(request);
    return channel.receive();
  }

  private static ISOMsg request(String pan, String stan, String terminal) throws Exception {
    return BankMessages.request("0100", pan, 1234, stan, "RRN000" + stan, terminal);
  }

  private static void awaitSignedOn(IssuerSimulator... issuers) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (IssuerSimulator issuer : issuers) {
      while (!issuer.signedOn()) {
        assertTrue(System.nanoTime() < deadline, "issuer not signed on within 10 s");
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
    }
  }
}
