package dev.baton.portal.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.parameters.ParameterDefinition;
import dev.baton.tms.parameters.ParameterType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionLinesTest {

  @Test
  void readsTypesRangesLengthsAndDefaultsOneALine() {
    assertEquals(
        List.of(
            new ParameterDefinition("timeout", ParameterType.INTEGER, 5L, 120L, null, "30"),
            new ParameterDefinition("header", ParameterType.STRING, null, null, 40, "Welcome to the shop"),
            new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, "false"),
            new ParameterDefinition("floor", ParameterType.INTEGER, -10L, null, null, null)),
        DefinitionLines.parse("timeout INTEGER 5..120 = 30\n\n# comment\nheader string max 40 = Welcome to the shop\r\ntip BOOLEAN=false\nfloor INTEGER -10..\n"));
  }

  @Test
  void refusesALineThatIsNotADefinitionNamingItAndAProfileWithout() {
    InvalidInput refused = assertThrows(InvalidInput.class, () -> DefinitionLines.parse("timeout INTEGER 5..120\ntip YESNO"));
    assertEquals("parameters", refused.field());
    assertEquals("line 2 'tip YESNO' is not NAME TYPE [MIN..MAX] [max LENGTH] [= DEFAULT]", refused.reason());
    assertEquals("a profile needs at least one parameter", assertThrows(InvalidInput.class, () -> DefinitionLines.parse(" \n# none")).reason());
  }
}
