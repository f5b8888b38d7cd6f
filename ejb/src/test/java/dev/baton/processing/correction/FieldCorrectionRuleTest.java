package dev.baton.processing.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.correction.FieldCorrectionRule.CopyField;
import dev.baton.processing.correction.FieldCorrectionRule.PadField;
import dev.baton.processing.correction.FieldCorrectionRule.SetField;
import dev.baton.processing.correction.FieldCorrectionRule.Side;
import dev.baton.processing.correction.FieldCorrectionRule.StripField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FieldCorrectionRuleTest {

  private final IsoMessage message =
      IsoMessage.of("0100").with(11, "000123").with(22, "021").with(41, "T1");

  private static String refusal(Executable makingTheRule) {
    return assertThrows(IllegalArgumentException.class, makingTheRule).getMessage();
  }

  @Test
  void setReplacesAFieldOrAddsAMissingOne() {
    assertEquals("051", new SetField(22, "051").apply(message).field(22));
    assertEquals("978", new SetField(49, "978").apply(message).field(49));
  }

  @Test
  void copyReplacesTheTargetWithTheSource() {
    IsoMessage copied = new CopyField(41, 42).apply(message);
    assertEquals("T1", copied.field(42));
    assertEquals("T1", copied.field(41));
  }

  @Test
  void copyFromAnAbsentFieldLeavesTheMessageAlone() {
    assertSame(message, new CopyField(32, 41).apply(message));
  }

  @Test
  void stripRemovesAFieldAndIgnoresAnAbsentOne() {
    assertNull(new StripField(22).apply(message).field(22));
    assertEquals(message, new StripField(55).apply(message));
  }

  @Test
  void padLeftFillsTheFrontUpToTheLength() {
    assertEquals("000000T1", new PadField(41, Side.LEFT, '0', 8).apply(message).field(41));
  }

  @Test
  void padRightFillsTheEndUpToTheLength() {
    assertEquals("T1      ", new PadField(41, Side.RIGHT, ' ', 8).apply(message).field(41));
  }

  @Test
  void padNeverCutsALongerValueNorCreatesAnAbsentField() {
    assertSame(message, new PadField(11, Side.LEFT, '0', 4).apply(message));
    assertSame(message, new PadField(42, Side.RIGHT, ' ', 15).apply(message));
  }

  @Test
  void fieldNumbersOutsideTheDataElementsAreRefused() {
    assertEquals(
        "SET names field 1; data elements are 2 to 192", refusal(() -> new SetField(1, "x")));
    assertEquals(
        "COPY (to) names field 193; data elements are 2 to 192",
        refusal(() -> new CopyField(2, 193)));
    assertEquals(
        "STRIP names field 0; data elements are 2 to 192", refusal(() -> new StripField(0)));
    assertEquals(
        "PAD names field -4; data elements are 2 to 192",
        refusal(() -> new PadField(-4, Side.LEFT, '0', 3)));
  }

  @Test
  void setWithoutAValueIsRefused() {
    assertEquals(
        "SET 22 to an empty value is not allowed; STRIP removes a field",
        refusal(() -> new SetField(22, "")));
    assertThrows(NullPointerException.class, () -> new SetField(22, null));
    assertEquals(
        "SET 22 value is 1000 characters, at most 999",
        refusal(() -> new SetField(22, "x".repeat(1000))));
  }

  @Test
  void copyOntoItselfIsRefused() {
    assertEquals("COPY 41 to itself changes nothing", refusal(() -> new CopyField(41, 41)));
  }

  @Test
  void padWithABadLengthOrCharacterIsRefused() {
    assertEquals(
        "PAD 41 to length 0: a length is 1 to 999",
        refusal(() -> new PadField(41, Side.LEFT, '0', 0)));
    assertEquals(
        "PAD 41 with a control character (code 10) is not allowed",
        refusal(() -> new PadField(41, Side.LEFT, '\n', 8)));
    NullPointerException noSide =
        assertThrows(NullPointerException.class, () -> new PadField(41, null, '0', 8));
    assertEquals("PAD 41 needs a side, LEFT or RIGHT", noSide.getMessage());
  }
}
