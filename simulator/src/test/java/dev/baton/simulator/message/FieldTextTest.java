package dev.baton.simulator.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldTextTest {

  @Test
  void padsLikeTheFormatterForEveryWidthAndRandomValues() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      long amount = random.nextLong(1_000_000_000_000L);
      int stan = random.nextInt(1, 1_000_000);
      assertEquals(String.format("%012d", amount), FieldText.zeroPadded(amount, 12));
      assertEquals(String.format("%06d", stan), FieldText.zeroPadded(stan, 6));
    }
    assertEquals("000000", FieldText.zeroPadded(0, 6));
    assertEquals("999999", FieldText.zeroPadded(999_999, 6));
  }

  @Test
  void refusesValuesTheFieldCannotHoldRatherThanCuttingThem() {
    assertThrows(IllegalArgumentException.class, () -> FieldText.zeroPadded(1_000_000, 6));
    assertThrows(IllegalArgumentException.class, () -> FieldText.zeroPadded(-1, 6));
  }

  @Test
  void timeFieldsAreTheSecondsUtcTextAndSharedWithinTheSecond() {
    FieldText.Seconds seconds = new FieldText.Seconds();
    long second = Instant.parse("2026-02-28T23:59:58Z").getEpochSecond();
    FieldText.Second first = seconds.at(second);
    assertEquals("0228235958", first.transmission());
    assertEquals("235958", first.localTime());
    assertEquals("0228", first.localDate());
    assertSame(first, seconds.at(second));

    FieldText.Second next = seconds.at(second + 2);
    assertEquals("0301000000", next.transmission());
    assertEquals("0301", next.localDate());
    // A thread still in an older second gets that second's text, not the newer one's.
    assertEquals("0228235958", seconds.at(second).transmission());
  }

  @Test
  void nowIsTheCurrentSecond() {
    long before = System.currentTimeMillis() / 1000;
    FieldText.Second now = FieldText.now();
    long after = System.currentTimeMillis() / 1000;
    DateTimeFormatter transmission = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);
    String text = now.transmission();
    assertTrue(text.equals(transmission.format(Instant.ofEpochSecond(before)))
        || text.equals(transmission.format(Instant.ofEpochSecond(after))), text);
  }
}
