package dev.baton.connector.session;

import static dev.baton.connector.api.SessionState.CONNECTED;
import static dev.baton.connector.api.SessionState.DISCONNECTED;
import static dev.baton.connector.api.SessionState.SIGNED_OFF;
import static dev.baton.connector.api.SessionState.SIGNED_ON;
import static dev.baton.connector.session.SessionEvent.CONNECT;
import static dev.baton.connector.session.SessionEvent.DISCONNECT;
import static dev.baton.connector.session.SessionEvent.SIGN_OFF;
import static dev.baton.connector.session.SessionEvent.SIGN_ON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.SessionState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionStateMachineTest {

  /** Every state with every event: where it leads, or null where it is refused. */
  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of(DISCONNECTED, CONNECT, CONNECTED),
        Arguments.of(DISCONNECTED, SIGN_ON, null),
        Arguments.of(DISCONNECTED, SIGN_OFF, null),
        Arguments.of(DISCONNECTED, DISCONNECT, null),
        Arguments.of(CONNECTED, CONNECT, null),
        Arguments.of(CONNECTED, SIGN_ON, SIGNED_ON),
        Arguments.of(CONNECTED, SIGN_OFF, SIGNED_OFF),
        Arguments.of(CONNECTED, DISCONNECT, DISCONNECTED),
        Arguments.of(SIGNED_ON, CONNECT, null),
        Arguments.of(SIGNED_ON, SIGN_ON, SIGNED_ON),
        Arguments.of(SIGNED_ON, SIGN_OFF, SIGNED_OFF),
        Arguments.of(SIGNED_ON, DISCONNECT, DISCONNECTED),
        Arguments.of(SIGNED_OFF, CONNECT, null),
        Arguments.of(SIGNED_OFF, SIGN_ON, SIGNED_ON),
        Arguments.of(SIGNED_OFF, SIGN_OFF, SIGNED_OFF),
        Arguments.of(SIGNED_OFF, DISCONNECT, DISCONNECTED));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("transitions")
  void followsTheTransitionTable(SessionState from, SessionEvent event, SessionState to) {
    SessionStateMachine machine = machineIn(from);

    if (to == null) {
      assertFalse(machine.permits(event));
      assertThrows(IllegalStateException.class, () -> machine.fire(event));
      assertNull(machine.fireIfAllowed(event));
      assertEquals(from, machine.state(), "a refused event changes nothing");
    } else {
      assertTrue(machine.permits(event));
      assertEquals(from, machine.fire(event));
      assertEquals(to, machine.state());
    }
  }

  @Test
  void startsDisconnected() {
    assertEquals(DISCONNECTED, new SessionStateMachine().state());
  }

  @Test
  void goesRoundTheWholeLifeOfAConnection() {
    SessionStateMachine machine = new SessionStateMachine();
    for (SessionEvent event : new SessionEvent[] {CONNECT, SIGN_ON, SIGN_OFF, SIGN_ON, DISCONNECT, CONNECT}) {
      machine.fire(event);
    }
    assertEquals(CONNECTED, machine.state());
  }

  private static SessionStateMachine machineIn(SessionState state) {
    SessionStateMachine machine = new SessionStateMachine();
    switch (state) {
      case DISCONNECTED -> {}
      case CONNECTED -> machine.fire(CONNECT);
      case SIGNED_ON -> {
        machine.fire(CONNECT);
        machine.fire(SIGN_ON);
      }
      case SIGNED_OFF -> {
        machine.fire(CONNECT);
        machine.fire(SIGN_OFF);
      }
    }
    return machine;
  }
}
