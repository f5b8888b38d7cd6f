package dev.baton.processing.inflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.IsoMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InFlightAuthorizationTest {

  private static InFlightAuthorization authorization(IsoMessage request) {
    return new InFlightAuthorization(
        "ACQ1",
        "ACQ1-1",
        request,
        new IssuerKey("ISS1", "000042", "RRN000000001", "TERM0001"),
        6_000L,
        1_000L);
  }

  @Test
  void storedFormRoundTripsEvenWithSeparatorsInValues() {
    IsoMessage request =
        new IsoMessage(
            "0100",
            Map.of(
                2, "4111111111111111", 4, "000000001000", 11, "000123", 43, "SHOP:12:3;x", 48, ""));
    InFlightAuthorization original = authorization(request);

    InFlightAuthorization.Stored stored = original.toStored();
    assertEquals("ISS1", stored.issuerId());
    assertEquals(6_000L, stored.deadlineMillis());
    assertEquals(original, InFlightAuthorization.fromStored(stored));
  }

  @Test
  void textFormRoundTripsWithAbsentPartsAndSeparatorsInValues() {
    InFlightAuthorization original =
        new InFlightAuthorization(
            "ACQ1",
            "ACQ1-1",
            new IsoMessage("0100", Map.of(2, "4111111111111111", 11, "000123", 43, "A:1:B|C")),
            new IssuerKey("ISS1", "000042", null, "TERM0001"),
            6_000L,
            1_000L);

    String text = original.toStored().toText();

    assertEquals(original, InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(text)));
    for (String damaged : new String[] {"", "3:abc", text.substring(0, text.length() - 2), "x:1"}) {
      assertThrows(IllegalArgumentException.class, () -> InFlightAuthorization.Stored.fromText(damaged), damaged);
    }
  }

  @Test
  void damagedStoredFieldsAreRefused() {
    InFlightAuthorization.Stored stored =
        authorization(IsoMessage.of("0100").with(11, "000001")).toStored();
    InFlightAuthorization.Stored damaged =
        new InFlightAuthorization.Stored(
            stored.acquirerId(),
            stored.acquirerSessionId(),
            stored.requestMti(),
            "11:9:0001",
            stored.issuerId(),
            stored.issuerStan(),
            stored.issuerRrn(),
            stored.issuerTerminalId(),
            stored.deadlineMillis(),
            stored.createdAtMillis(),
            stored.correlation());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> InFlightAuthorization.fromStored(damaged));
    assertTrue(refused.getMessage().startsWith("stored request fields are damaged"));
  }

  @Test
  void deadlineBeforeCreationIsRefused() {
    IssuerKey key = new IssuerKey("ISS1", "000001", null, null);
    assertThrows(
        IllegalArgumentException.class,
        () -> new InFlightAuthorization("ACQ1", "S", IsoMessage.of("0100"), key, 5L, 6L));
    assertThrows(
        IllegalArgumentException.class,
        () -> new InFlightAuthorization(" ", "S", IsoMessage.of("0100"), key, 6L, 5L));
  }

  @Test
  void involvesItsAcquirerAndItsIssuerOnly() {
    InFlightAuthorization authorization = authorization(IsoMessage.of("0200"));
    assertTrue(authorization.involves("ACQ1"));
    assertTrue(authorization.involves("ISS1"));
    assertFalse(authorization.involves("ISS2"));
    assertFalse(authorization.isReversal());
    assertTrue(authorization(IsoMessage.of("0420")).isReversal());
  }

  @Test
  void logTextLeavesTheCardNumberOut() {
    String text = authorization(IsoMessage.of("0100").with(2, "4111111111111111")).toString();
    assertFalse(text.contains("4111111111111111"), text);
  }

  @Test
  void issuerKeyTreatsMissingRrnAndTerminalAsEmpty() {
    IssuerKey fromMessage = IssuerKey.of("ISS1", IsoMessage.of("0110").with(11, "000007"));
    assertEquals(new IssuerKey("ISS1", "000007", "", ""), fromMessage);
    assertThrows(IllegalArgumentException.class, () -> IssuerKey.of("ISS1", IsoMessage.of("0110")));
  }

  @Test
  void theStoredBytesAreTheStoredTextInUtf8WhetherOrNotEveryCharacterIsAscii() {
    java.util.Random random = new java.util.Random(420);
    String[] alphabet = {"0", "7", "A", "z", ":", "-1:", " ", "é", "€", "日"};
    for (int round = 0; round < 500; round++) {
      IsoMessage.Builder request = IsoMessage.builder(round % 2 == 0 ? "0100" : "0200");
      for (int number = 2; number <= 192; number++) {
        if (random.nextInt(8) == 0) {
          StringBuilder value = new StringBuilder();
          int length = random.nextInt(round % 5 == 0 ? 140 : 12);
          for (int i = 0; i < length; i++) {
            // Mostly ASCII, as ISO 8583 is; every fifth message may carry other characters.
            value.append(alphabet[random.nextInt(round % 5 == 0 ? alphabet.length : 7)]);
          }
          request.set(number, value.toString());
        }
      }
      InFlightAuthorization authorization = new InFlightAuthorization("ACQ1", "ACQ1-" + round, request.build(),
          new IssuerKey("ISS1", String.format("%06d", round), round % 3 == 0 ? null : "RRN" + round, "TERM0001"),
          1_000L + random.nextInt(100_000), 1_000L, random.nextLong() & Long.MAX_VALUE);

      byte[] expected = authorization.toStored().toText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected, authorization.storedBytes(), "round " + round);
      assertEquals(authorization, InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(
          new String(authorization.storedBytes(), java.nio.charset.StandardCharsets.UTF_8))), "round " + round);
    }
  }
}
