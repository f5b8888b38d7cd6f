package dev.baton.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

  @Test
  void isCompleteOnlyWhenEveryExpectedMemberHasJoined() {
    assertFalse(new ClusterView(List.of("edge", "node-a"), 3).complete());
    assertTrue(new ClusterView(List.of("edge", "node-a", "node-b"), 3).complete());
  }

  @Test
  void reportsItsSize() {
    assertEquals(2, new ClusterView(List.of("edge", "node-b"), 3).size());
  }

  @Test
  void refusesAClusterExpectingNoMembers() {
    assertThrows(IllegalArgumentException.class, () -> new ClusterView(List.of(), 0));
  }
}
