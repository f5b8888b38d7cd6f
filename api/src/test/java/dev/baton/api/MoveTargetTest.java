package dev.baton.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoveTargetTest {

  @Test
  void takesANodeAOrB() {
    assertEquals("A", MoveTarget.parse("{\"to\":\"A\"}"));
    assertEquals("B", MoveTarget.parse(" { \"to\" : \"B\" } "));
  }

  @Test
  void refusesEveryOtherBodySayingWhatIsWrong() {
    assertTrue(refusal("").contains("empty"));
    assertTrue(refusal("not json").contains("not JSON"));
    assertTrue(refusal("{\"to\":\"C\"}").contains("not \"C\""));
    assertTrue(refusal("{\"to\":\"a\"}").contains("not \"a\""), "node names are upper case, as in the contract");
    assertTrue(refusal("{\"to\":1}").contains("must be"));
    assertTrue(refusal("{\"to\":\"A\",\"now\":true}").contains("must be"));
    assertTrue(refusal("[\"A\"]").contains("must be"));
  }

  private static String refusal(String body) {
    return assertThrows(BadRequest.class, () -> MoveTarget.parse(body)).getMessage();
  }
}
