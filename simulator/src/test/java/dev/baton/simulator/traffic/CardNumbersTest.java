package dev.baton.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CardNumbersTest {

  @Test
  void drawsSixteenDigitsUnderThePrefixWithAValidCheckDigit() {
    SplittableRandom random = new SplittableRandom(3);
    for (String prefix : new String[] {"4", "51", "999999"}) {
      String pan = CardNumbers.draw(prefix, random);

      assertEquals(16, pan.length());
      assertTrue(pan.startsWith(prefix));
      assertTrue(CardNumbers.passesLuhn(pan), pan);
    }
    assertTrue(CardNumbers.passesLuhn("4111111111111111"));
  }

  @Test
  void masksAllButTheFirstSixAndLastFourDigits() {
    assertEquals("411111******1234", CardNumbers.mask("4111110000001234"));
    assertEquals("****", CardNumbers.mask(null));
  }
}
