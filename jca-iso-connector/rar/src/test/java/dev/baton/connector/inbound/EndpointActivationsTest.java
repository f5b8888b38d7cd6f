package dev.baton.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which endpoint gets a bank's messages when several listen. */
class EndpointActivationsTest {

  private final EndpointActivations activations = new EndpointActivations();

  private static MessageEndpointFactory endpoint() {
    return (MessageEndpointFactory)
        Proxy.newProxyInstance(
            EndpointActivationsTest.class.getClassLoader(),
            new Class<?>[] {MessageEndpointFactory.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
  }

  @Test
  void anEndpointNamingTheBankTakesItsMessagesBeforeTheCatchAll() {
    MessageEndpointFactory catchAll = endpoint();
    MessageEndpointFactory dedicated = endpoint();
    activations.activate(catchAll, "*");
    activations.activate(dedicated, "ECHO1, DIAL1");

    for (int i = 0; i < 4; i++) {
      assertEquals(dedicated, activations.oneFor("ECHO1"));
    }
    assertEquals(catchAll, activations.oneFor("ACQ1"));
    assertEquals(Set.of(catchAll, dedicated), new HashSet<>(activations.allFor("ECHO1")), "state changes go to both");
  }

  @Test
  void endpointsNamingTheSameBankTakeTurns() {
    MessageEndpointFactory first = endpoint();
    MessageEndpointFactory second = endpoint();
    activations.activate(first, "ISS1");
    activations.activate(second, "ISS1");

    Set<MessageEndpointFactory> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      seen.add(activations.oneFor("ISS1"));
    }
    assertEquals(Set.of(first, second), seen);
    assertNull(activations.oneFor("ACQ9"), "nobody listens to ACQ9");
  }

  @Test
  void anEndpointDeactivatedOrClearedTakesNoMoreMessages() {
    MessageEndpointFactory catchAll = endpoint();
    MessageEndpointFactory dedicated = endpoint();
    activations.activate(catchAll, "*");
    activations.activate(dedicated, "ISS1");

    activations.deactivate(dedicated);
    assertEquals(catchAll, activations.oneFor("ISS1"), "the catch-all takes the bank back");
    activations.activate(dedicated, "ISS1");
    assertEquals(dedicated, activations.oneFor("ISS1"), "and gives it up again to a new activation");
    activations.clear();
    assertNull(activations.oneFor("ISS1"));
    assertNull(activations.oneFor("ACQ1"));
    assertEquals(0, activations.size());
  }
}
