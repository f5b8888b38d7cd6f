package dev.baton.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeIdTest {

  @Test
  void parsesEitherNodeInAnyCase() {
    assertEquals(NodeId.A, NodeId.parse("a"));
    assertEquals(NodeId.B, NodeId.parse(" B "));
  }

  @Test
  void refusesAnythingElseNamingWhatWasGiven() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeId.parse("C"));
    assertEquals("a node is A or B, not 'C'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NodeId.parse(null));
  }
}
