package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopOrderTest {

  @Test
  void theEdgeStopsBeforeTheNodesSoThatAPlannedStopFailsNoBankOver() {
    List<String> started = List.of("postgres", "keycloak", "edge", "node-a", "node-b");

    assertEquals(List.of("edge", "node-b", "node-a", "keycloak", "postgres"),
        Topology.stopOrder(started, "edge"::equals));
  }

  @Test
  void withoutAnEdgeEverythingStopsInTheReverseOfItsStartOrder() {
    assertEquals(List.of("node-a", "keycloak", "postgres"),
        Topology.stopOrder(List.of("postgres", "keycloak", "node-a"), "edge"::equals));
  }
}
