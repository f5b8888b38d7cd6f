package dev.baton.processing.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.correction.FieldCorrectionRule.CopyField;
import dev.baton.processing.correction.FieldCorrectionRule.PadField;
import dev.baton.processing.correction.FieldCorrectionRule.SetField;
import dev.baton.processing.correction.FieldCorrectionRule.Side;
import dev.baton.processing.correction.FieldCorrectionRule.StripField;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldCorrectionsTest {

  private final IsoMessage message = IsoMessage.of("0100").with(41, "T1").with(22, "021");

  @Test
  void rulesApplyInTheOrderTheyWereGiven() {
    FieldCorrections padThenCopy =
        FieldCorrections.builder()
            .add("ACQ1", Direction.INBOUND, new PadField(41, Side.LEFT, '0', 8))
            .add("ACQ1", Direction.INBOUND, new CopyField(41, 42))
            .build();
    FieldCorrections copyThenPad =
        FieldCorrections.builder()
            .add("ACQ1", Direction.INBOUND, new CopyField(41, 42))
            .add("ACQ1", Direction.INBOUND, new PadField(41, Side.LEFT, '0', 8))
            .build();

    assertEquals("000000T1", padThenCopy.apply("ACQ1", Direction.INBOUND, message).field(42));
    assertEquals("T1", copyThenPad.apply("ACQ1", Direction.INBOUND, message).field(42));
  }

  @Test
  void rulesApplyOnlyToTheirBankAndDirection() {
    FieldCorrections corrections =
        FieldCorrections.builder()
            .add("ACQ1", Direction.INBOUND, new SetField(22, "051"))
            .add("ISS1", Direction.OUTBOUND, new StripField(22))
            .build();

    assertEquals("051", corrections.apply("ACQ1", Direction.INBOUND, message).field(22));
    assertSame(message, corrections.apply("ACQ1", Direction.OUTBOUND, message));
    assertSame(message, corrections.apply("ACQ2", Direction.INBOUND, message));
    assertEquals(
        IsoMessage.of("0100").with(41, "T1"),
        corrections.apply("ISS1", Direction.OUTBOUND, message));
  }

  @Test
  void rulesOfABankCanBeListedForTheConsole() {
    FieldCorrections corrections =
        FieldCorrections.builder().add("ISS1", Direction.OUTBOUND, new StripField(22)).build();
    assertEquals(List.of(new StripField(22)), corrections.rulesFor("ISS1", Direction.OUTBOUND));
    assertEquals(List.of(), FieldCorrections.none().rulesFor("ISS1", Direction.OUTBOUND));
  }

  @Test
  void ruleWithoutBankOrDirectionIsRefused() {
    FieldCorrections.Builder builder = FieldCorrections.builder();
    assertEquals(
        "a correction rule belongs to a bank",
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.add(" ", Direction.INBOUND, new StripField(22)))
            .getMessage());
    assertThrows(NullPointerException.class, () -> builder.add("ACQ1", null, new StripField(22)));
  }

  @Test
  void builtCorrectionsDoNotChangeWhenTheBuilderGoesOn() {
    FieldCorrections.Builder builder =
        FieldCorrections.builder().add("ACQ1", Direction.INBOUND, new StripField(22));
    FieldCorrections built = builder.build();
    builder.add("ACQ1", Direction.INBOUND, new StripField(41));
    assertEquals(1, built.rulesFor("ACQ1", Direction.INBOUND).size());
  }
}
