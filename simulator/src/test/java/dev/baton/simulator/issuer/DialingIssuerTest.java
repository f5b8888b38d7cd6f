package dev.baton.simulator.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.message.BankChannels;
import dev.baton.simulator.message.BankMessages;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test plays the switch: it accepts the issuer's call and routes requests to it. */
@Timeout(30)
class DialingIssuerTest {

  @Test
  void signsOnThenAnswersEchoingStanRrnAndTerminal() throws Exception {
    try (ServerSocket switchPort = new ServerSocket(0)) {
      switchPort.setSoTimeout(5_000);
      IssuerSettings settings =
          new IssuerSettings(new IssuerSettings.Dial("127.0.0.1", switchPort.getLocalPort()),
              WeightedMix.only("05"), new LatencyRange(Duration.ofMillis(1), Duration.ofMillis(3)),
              0);
      try (IssuerSimulator issuer = new IssuerSimulator(settings)) {
        issuer.start();
        NACChannel session = BankChannels.accepting();
        session.accept(switchPort);
        session.setTimeout(5_000);

        ISOMsg signOn = session.receive();
        assertEquals("0800", signOn.getMTI());
        assertEquals(BankMessages.SIGN_ON, signOn.getString(70));
        assertTrue(!issuer.signedOn());
        session.send(BankMessages.answer(signOn, BankMessages.APPROVED));
        eventually(issuer::signedOn);

        ISOMsg request =
            BankMessages.request("0100", "4111111111111111", 1000, "000042", "000000000042",
                "TERM0001");
        session.send(request);
        ISOMsg answer = session.receive();
        assertEquals("0110", answer.getMTI());
        assertEquals("05", answer.getString(39));
        assertEquals("000042", answer.getString(11));
        assertEquals("000000000042", answer.getString(37));
        assertEquals("TERM0001", answer.getString(41));

        ISOMsg advice = BankMessages.reversal(request);
        advice.setMTI("0420");
        session.send(advice);
        ISOMsg adviceAnswer = session.receive();
        assertEquals("0430", adviceAnswer.getMTI());
        assertEquals("00", adviceAnswer.getString(39));
        assertEquals("0100000042", adviceAnswer.getString(90).substring(0, 10));
        session.disconnect();

        // The issuer counts an answer once written, which may be just after the test read it.
        awaitAnswersCounted(issuer, 2);
        IssuerSummary summary = issuer.summary();
        assertEquals(1, summary.received("0100"));
        assertEquals(1, summary.answers("0110", "05"));
        assertEquals(1, summary.answers("0430", "00"));
      }
    }
  }

  private static void awaitAnswersCounted(IssuerSimulator issuer, long answers) {
    eventually(() -> issuer.summary().answersByMtiAndCode().values().stream()
        .mapToLong(Long::longValue).sum() >= answers);
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }
}
