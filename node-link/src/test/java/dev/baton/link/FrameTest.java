package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Hello;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameTest {

  private static final byte[] PAN = "4111111111111111".getBytes(StandardCharsets.US_ASCII);

  @Test
  void dataKeepsItsOwnCopyOfTheIsoMessage() {
    byte[] iso = PAN.clone();
    Data data = new Data(1, "ACQ1", "ACQ1-1", "", 0, iso);

    iso[0] = 'X';
    data.iso()[1] = 'X';

    assertArrayEquals(PAN, data.iso());
  }

  @Test
  void dataToStringShowsTheIsoLengthButNeverItsBytes() {
    String text = new Data(9, "ACQ1", "ACQ1-1", "000001", 5, PAN).toString();

    assertEquals("Data[correlation=9, bankId=ACQ1, sessionId=ACQ1-1, key=000001, "
        + "deadlineEpochMillis=5, iso=16 bytes]", text);
    assertFalse(text.contains("4111"), text);
  }

  @Test
  void dataEqualsByTheContentOfItsIsoMessage() {
    Data one = new Data(1, "ACQ1", "", "", 0, PAN.clone());
    Data same = new Data(1, "ACQ1", "", "", 0, PAN.clone());
    Data other = new Data(1, "ACQ1", "", "", 0, new byte[] {1});

    assertEquals(one, same);
    assertEquals(one.hashCode(), same.hashCode());
    assertNotEquals(one, other);
  }

  @Test
  void controlKeepsAnOrderedUnmodifiableCopyOfItsAttributes() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("state", "SIGNED_ON");
    given.put("bank", "ACQ1");
    Control control = new Control("SESSION", given);

    given.put("session", "late");

    assertEquals(List.of("state", "bank"), List.copyOf(control.attributes().keySet()));
    assertEquals("ACQ1", control.attribute("bank"));
    assertNull(control.attribute("session"));
    assertThrows(UnsupportedOperationException.class,
        () -> control.attributes().put("x", "y"));
  }

  @Test
  void refusesNullsAndAVersionBeyondSixteenBits() {
    assertThrows(NullPointerException.class, () -> new Data(1, null, "", "", 0, new byte[0]));
    assertThrows(NullPointerException.class, () -> new Data(1, "B", "", "", 0, null));
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("bank", null);
    assertThrows(NullPointerException.class, () -> new Control("SESSION", nullValue));
    assertThrows(IllegalArgumentException.class, () -> new Hello(65_536, "edge", "edge"));
  }
}
