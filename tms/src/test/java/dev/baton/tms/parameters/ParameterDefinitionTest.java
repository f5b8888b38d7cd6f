package dev.baton.tms.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterDefinitionTest {

  @Test
  void checksIntegersAndTheirBounds() {
    var timeout = new ParameterDefinition("timeout", ParameterType.INTEGER, 5L, 120L, null, null);
    assertEquals(Optional.empty(), timeout.check("30"));
    assertEquals(Optional.of("'3x' is not a whole number"), timeout.check("3x"));
    assertEquals(Optional.of("4 is below the minimum 5"), timeout.check("4"));
    assertEquals(Optional.of("121 is above the maximum 120"), timeout.check("121"));
  }

  @Test
  void checksBooleansStrictly() {
    var tip = new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, null);
    assertEquals(Optional.empty(), tip.check("false"));
    assertEquals(Optional.of("'yes' is not true or false"), tip.check("yes"));
  }

  @Test
  void checksTheLengthOfStrings() {
    var currency = new ParameterDefinition("currency", ParameterType.STRING, null, null, 3, null);
    assertEquals(Optional.empty(), currency.check("PLN"));
    assertEquals(Optional.of("is 4 characters, at most 3 allowed"), currency.check("EURO"));
  }
}
