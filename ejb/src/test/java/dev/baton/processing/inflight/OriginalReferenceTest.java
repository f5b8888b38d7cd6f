package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginalReferenceTest {

  private static final IsoMessage ORIGINAL =
      IsoMessage.of("0100")
          .with(7, "0612143000")
          .with(11, "000123")
          .with(37, "RRN1")
          .with(41, "TERM0001");

  @Test
  void field90NamesTheOriginalByMtiStanAndTransmissionTime() {
    IsoMessage reversal =
        IsoMessage.of("0400")
            .with(11, "000200")
            .with(90, "0100000123061214300000000000000000000000000");
    OriginalReference reference = OriginalReference.of(reversal).orElseThrow();
    assertEquals(new OriginalReference("0100", "000123", "0612143000", null, null), reference);
    assertTrue(reference.matches(ORIGINAL));
    assertFalse(reference.matches(ORIGINAL.withMti("0200")));
    assertFalse(reference.matches(ORIGINAL.with(7, "0612143001")));
  }

  @Test
  void withoutField90TheReversalRepeatsTheOriginals11And37And41() {
    IsoMessage reversal = ORIGINAL.withMti("0400");
    OriginalReference reference = OriginalReference.of(reversal).orElseThrow();
    assertTrue(reference.matches(ORIGINAL));
    assertFalse(reference.matches(ORIGINAL.with(41, "TERM0002")));
  }

  @Test
  void allZeroField90CountsAsNone() {
    IsoMessage reversal = ORIGINAL.withMti("0400").with(90, "0".repeat(42));
    assertEquals(
        Optional.of(new OriginalReference(null, "000123", null, "RRN1", "TERM0001")),
        OriginalReference.of(reversal));
  }

  @Test
  void originalWithoutField7IsMatchedByZeroTime() {
    OriginalReference reference = new OriginalReference("0100", "000123", "0000000000", null, null);
    assertTrue(reference.matches(ORIGINAL.without(7)));
  }

  @Test
  void reversalWithoutAnyReferenceHasNone() {
    assertEquals(Optional.empty(), OriginalReference.of(IsoMessage.of("0400")));
  }
}
