package dev.baton.connector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IsoMessageTest {

  @Test
  void tellsRequestsFromAnswersAndNamesTheAnswersMti() {
    for (String request : List.of("0100", "0200", "0220", "0400", "0800", "1100")) {
      assertTrue(IsoMessage.of(request).isRequest(), request);
    }
    assertEquals("0110", IsoMessage.of("0100").responseMti());
    assertEquals("0430", IsoMessage.of("0420").responseMti());
    assertFalse(IsoMessage.of("0110").isRequest());
    assertThrows(IllegalStateException.class, () -> IsoMessage.of("0210").responseMti());
  }

  @Test
  void keepsItsFieldsWhateverTheCallerDoesToItsMap() {
    Map<Integer, String> fields = new HashMap<>(Map.of(11, "000001"));
    IsoMessage message = new IsoMessage("0100", fields);
    fields.put(41, "TERM0001");

    assertEquals(Map.of(11, "000001"), message.fields());
    assertThrows(UnsupportedOperationException.class, () -> message.fields().put(2, "x"));
    assertEquals("TERM0001", message.with(41, "TERM0001").field(41));
    assertEquals(null, message.with(41, "T").without(41).field(41));
  }

  @Test
  void aBuilderSetsReplacesAndRemovesFieldsOnceAndIsDoneAfterItsMessage() {
    IsoMessage request = IsoMessage.of("0100").with(11, "000001").with(37, "RRN1").with(41, "TERM0001");

    IsoMessage.Builder builder = request.toBuilder().mti("0110").set(39, "00").remove(37).setIfAbsent(11, "999999");
    IsoMessage answer = builder.build();

    assertEquals("0110", answer.mti());
    assertEquals(Map.of(11, "000001", 39, "00", 41, "TERM0001"), answer.fields());
    assertEquals(List.of(11, 39, 41), List.copyOf(answer.fields().keySet()), "in number order");
    assertEquals(Map.of(11, "000001", 37, "RRN1", 41, "TERM0001"), request.fields(), "the original is untouched");
    assertThrows(IllegalStateException.class, () -> builder.set(2, "x"), "a builder builds one message");
    assertThrows(IllegalStateException.class, builder::build);
    assertThrows(UnsupportedOperationException.class, () -> answer.fields().put(2, "x"));
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.builder("0100").set(193, "x"));
    assertThrows(NullPointerException.class, () -> IsoMessage.builder("0100").set(2, null));
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.builder("0100").mti("01"));
  }

  @Test
  void messagesAreEqualWhenMtiAndFieldsAreHoweverTheyWereMade() {
    IsoMessage built = IsoMessage.builder("0100").set(41, "TERM0001").set(11, "000001").build();
    IsoMessage changed = IsoMessage.of("0200").with(11, "000001").with(41, "TERM0001").withMti("0100");
    IsoMessage fromMap = new IsoMessage("0100", Map.of(11, "000001", 41, "TERM0001"));

    assertEquals(built, changed);
    assertEquals(built, fromMap);
    assertEquals(built.hashCode(), fromMap.hashCode());
    assertFalse(built.equals(fromMap.withMti("0110")));
    assertFalse(built.equals(fromMap.with(2, "4111111111111111")));
    assertTrue(built == built.without(2), "removing a field it does not carry changes nothing");
  }

  @Test
  void keepsFieldsInNumberOrderHoweverManyAndInWhateverOrderTheyAreSet() {
    // 60 fields set from the highest down, past a builder's first room, and some set twice.
    IsoMessage.Builder builder = IsoMessage.builder("0100");
    TreeMap<Integer, String> expected = new TreeMap<>();
    for (int number = 128; number >= 10; number -= 2) {
      builder.set(number, "v" + number);
      expected.put(number, "v" + number);
    }
    builder.set(64, "again").setIfAbsent(66, "not set").remove(100).remove(3);
    expected.put(64, "again");
    expected.remove(100);
    IsoMessage message = builder.build();

    assertEquals(expected, message.fields());
    assertEquals(message.fields(), expected);
    assertEquals(expected.hashCode(), message.fields().hashCode());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(message.fields().keySet()));
    assertEquals(expected.size(), message.fieldCount());
    int i = 0;
    for (Map.Entry<Integer, String> field : expected.entrySet()) {
      assertEquals(field.getKey(), message.fieldNumberAt(i));
      assertEquals(field.getValue(), message.fieldValueAt(i));
      i++;
    }
    assertThrows(IndexOutOfBoundsException.class, () -> message.fieldNumberAt(expected.size()));
    assertThrows(IndexOutOfBoundsException.class, () -> message.fieldValueAt(-1));
    assertEquals("again", message.fields().get(64));
    assertEquals(null, message.fields().get("64"), "a key that is not a field number");
    assertTrue(message.fields().containsKey(128));
    assertFalse(message.fields().containsKey(100));
    assertEquals(null, message.field(11), "odd numbers were never set");
    Map<Integer, String> walked = new TreeMap<>();
    message.fields().forEach(walked::put);
    assertEquals(expected, walked);
  }

  @Test
  void aBuilderGivenLittleRoomStillTakesEveryField() {
    IsoMessage.Builder builder = IsoMessage.builder("0110", 2);
    for (int number = 2; number <= 40; number++) {
      builder.set(number, Integer.toString(number));
    }
    IsoMessage message = builder.build();

    assertEquals(39, message.fieldCount());
    assertEquals("40", message.field(40));
    assertEquals(IsoMessage.builder("0110", 0).set(2, "x").build(), IsoMessage.of("0110").with(2, "x"));
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.builder("01", 3));
  }

  @Test
  void aMessageUnderAnotherMtiAndChangesOfEitherLeaveTheOtherAlone() {
    IsoMessage request = IsoMessage.builder("0100").set(11, "000001").set(41, "TERM0001").build();
    IsoMessage answer = request.withMti("0110");
    IsoMessage approved = answer.with(39, "00");
    IsoMessage withoutTerminal = request.without(41);

    assertEquals(Map.of(11, "000001", 41, "TERM0001"), request.fields());
    assertEquals(Map.of(11, "000001", 41, "TERM0001"), answer.fields());
    assertEquals(Map.of(11, "000001", 39, "00", 41, "TERM0001"), approved.fields());
    assertEquals(Map.of(11, "000001"), withoutTerminal.fields());
    assertEquals("IsoMessage[0110, fields [11, 39, 41]]", approved.toString());
    assertEquals("IsoMessage[0100, fields []]", IsoMessage.of("0100").toString());
  }

  @Test
  void refusesAnMtiThatIsNotFourDigitsAndFieldsOutsideTheBitmap() {
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.of("100"));
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.of("01A0"));
    assertThrows(IllegalArgumentException.class, () -> IsoMessage.of("0100").with(1, "x"));
  }

  @Test
  void keepsCardDataOutOfItsText() {
    IsoMessage message = IsoMessage.of("0100").with(2, "4111111111111111");
    BankMessage delivered = new BankMessage("ACQ1", "ACQ1-1", message, new byte[] {1, 2},
        Instant.EPOCH, Instant.EPOCH.plusSeconds(5));

    assertFalse(message.toString().contains("4111"));
    assertFalse(delivered.toString().contains("4111"));
    assertTrue(delivered.toString().contains("ACQ1-1"));
  }

  @Test
  void copiesTheFrameInAndOut() {
    byte[] frame = {1, 2, 3};
    BankMessage delivered = new BankMessage("ACQ1", "ACQ1-1", IsoMessage.of("0100"), frame,
        Instant.EPOCH, Instant.EPOCH);
    frame[0] = 9;
    delivered.frame()[1] = 9;

    assertEquals(1, delivered.frame()[0]);
    assertEquals(2, delivered.frame()[1]);
  }
}
