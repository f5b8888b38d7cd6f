package dev.baton.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MovedContextsTest {

  @Test
  void textsWithAnyCharacterComeBackAsTheyWentIn() {
    List<String> texts = List.of("4:ACQ15:ACQ1-1", "", "a:b:c|d", "clé ünïcode 12:34");

    assertEquals(texts, MovedContexts.split(MovedContexts.join(texts)));
    assertEquals(List.of(), MovedContexts.split(MovedContexts.join(List.of())));
  }

  @Test
  void aDamagedEntryIsRefusedWithWhereItBroke() {
    assertThrows(IllegalArgumentException.class, () -> MovedContexts.split("12:too short"));
    assertThrows(IllegalArgumentException.class, () -> MovedContexts.split("x:abc"));
    assertThrows(IllegalArgumentException.class, () -> MovedContexts.split("3:abc7"));
    assertThrows(IllegalArgumentException.class, () -> MovedContexts.split("-1:"));
  }
}
