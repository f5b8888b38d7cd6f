package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.FinishedAuthorizations.Ending;
import dev.baton.processing.inflight.FinishedAuthorizations.Finished;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FinishedAuthorizationsTest {

  private final FinishedAuthorizations finished =
      new FinishedAuthorizations(Duration.ofSeconds(60));

  private static InFlightAuthorization authorization(String acquirer, String issuer, String stan) {
    IsoMessage request =
        IsoMessage.of("0200").with(11, stan).with(37, "RRN" + stan).with(41, "TERM0001");
    return new InFlightAuthorization(
        acquirer,
        acquirer + "-1",
        request,
        new IssuerKey(issuer, stan, "RRN" + stan, "TERM0001"),
        5_000,
        0);
  }

  @Test
  void timedOutContextIsHandedToALateAnswerOnce() {
    InFlightAuthorization timedOut = authorization("ACQ1", "ISS1", "000001");
    finished.remember(timedOut, Ending.TIMED_OUT, 5_000);

    assertEquals(Optional.of(timedOut), finished.takeTimedOut(timedOut.issuerKey(), 6_000));
    assertEquals(Optional.empty(), finished.takeTimedOut(timedOut.issuerKey(), 6_001));
  }

  @Test
  void answeredContextIsNoCandidateForALateAnswer() {
    InFlightAuthorization answered = authorization("ACQ1", "ISS1", "000001");
    finished.remember(answered, Ending.ANSWERED, 1_000);
    assertEquals(Optional.empty(), finished.takeTimedOut(answered.issuerKey(), 2_000));
  }

  @Test
  void contextsAreForgottenAfterTheRetentionWindow() {
    InFlightAuthorization timedOut = authorization("ACQ1", "ISS1", "000001");
    finished.remember(timedOut, Ending.TIMED_OUT, 5_000);
    finished.remember(authorization("ACQ1", "ISS1", "000002"), Ending.ANSWERED, 30_000);

    OriginalReference second = new OriginalReference(null, "000002", null, "RRN000002", "TERM0001");
    assertEquals(Optional.empty(), finished.takeTimedOut(timedOut.issuerKey(), 65_000));
    assertTrue(finished.findOriginal("ACQ1", second, 65_000).isPresent(), "the later one is still kept");
    assertEquals(Optional.empty(), finished.findOriginal("ACQ1", second, 90_000));
    assertEquals(0, finished.size(), "nothing is held once everything expired");
  }

  @Test
  void answeredOriginalIsFoundForAReversal() {
    InFlightAuthorization answered = authorization("ACQ1", "ISS1", "000001");
    finished.remember(answered, Ending.ANSWERED, 1_000);
    OriginalReference reference =
        new OriginalReference(null, "000001", null, "RRN000001", "TERM0001");

    assertEquals(Optional.of(answered), finished.findOriginal("ACQ1", reference, 2_000));
    assertEquals(Optional.empty(), finished.findOriginal("ACQ2", reference, 2_000));
  }

  @Test
  void exportAndImportMoveABanksFinishedContextsWithHowTheyEnded() {
    InFlightAuthorization mine = authorization("ACQ1", "ISS1", "000001");
    InFlightAuthorization other = authorization("ACQ2", "ISS2", "000001");
    finished.remember(mine, Ending.TIMED_OUT, 5_000);
    finished.remember(other, Ending.ANSWERED, 5_000);

    List<Finished> exported = finished.export("ISS1", 5_500);
    assertEquals(List.of(new Finished(mine, Ending.TIMED_OUT)), exported);
    assertEquals(1, finished.size());

    FinishedAuthorizations otherNode = new FinishedAuthorizations(Duration.ofSeconds(60));
    otherNode.importAll(exported, 6_000);
    assertEquals(Optional.of(mine), otherNode.takeTimedOut(mine.issuerKey(), 7_000));
  }

  @Test
  void retentionMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new FinishedAuthorizations(Duration.ZERO));
  }
}
