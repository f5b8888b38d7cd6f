package dev.baton.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.IssuerKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentApprovalsTest {

  private final SentApprovals approvals = new SentApprovals();

  @Test
  void anApprovalIsTakenOnceByItsCorrelationWithWhatItsReversalNeeds() {
    approvals.add(7, new SentApprovals.Approval(new IssuerKey("ISS1", "000123", "RRN1", "TERM1"), "0110", "A1B2C3"),
        10_000, 1_000);
    approvals.add(8, new SentApprovals.Approval(new IssuerKey("ISS2", "000124", null, null), "0210", null),
        10_000, 1_000);

    SentApprovals.Approval first = approvals.take(7, 2_000).orElseThrow();
    assertEquals(new IssuerKey("ISS1", "000123", "RRN1", "TERM1"), first.key());
    IsoMessage answer = first.issuerAnswer();
    assertEquals("0110", answer.mti());
    assertEquals("00", answer.field(39));
    assertEquals("A1B2C3", answer.field(38));
    assertEquals(Optional.empty(), approvals.take(7, 2_000), "taken once");

    SentApprovals.Approval second = approvals.take(8, 2_000).orElseThrow();
    assertEquals(new IssuerKey("ISS2", "000124", "", ""), second.key(), "absent 37 and 41 stay empty");
    assertNull(second.approvalCode(), "no approval code given, none made up");
    assertNull(second.issuerAnswer().field(38));
  }

  @Test
  void anApprovalPastItsTimeIsForgottenAndNotReversedAnyMore() {
    approvals.add(9, new SentApprovals.Approval(new IssuerKey("ISS1", "000125", "RRN2", "TERM1"), "0110", "X"),
        7_000, 0);

    assertTrue(approvals.take(9, 7_000).isEmpty(), "at its time it is gone");
    approvals.forgetDue(400_000);
    assertEquals(0, approvals.size());
  }

  @Test
  void thousandsKeptAtOnceAreEachFoundByTheirOwnCorrelation() {
    for (long correlation = 1; correlation <= 20_000; correlation++) {
      approvals.add(correlation, new SentApprovals.Approval(
          new IssuerKey("ISS1", String.format("%06d", correlation % 1_000_000), "R" + correlation, "T1"), "0110",
          "C" + correlation), 60_000, 0);
    }
    for (long correlation = 20_000; correlation >= 1; correlation -= 997) {
      SentApprovals.Approval found = approvals.take(correlation, 1_000).orElseThrow();
      assertEquals("R" + correlation, found.key().rrn());
      assertEquals("C" + correlation, found.approvalCode());
    }
  }
}
