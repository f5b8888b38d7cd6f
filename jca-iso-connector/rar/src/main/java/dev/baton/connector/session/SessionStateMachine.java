package dev.baton.connector.session;

import dev.baton.connector.api.SessionState;

/**
 * The states of one bank session and the transitions between them:
 *
 * <pre>
 * DISCONNECTED --CONNECT--> CONNECTED --SIGN_ON--> SIGNED_ON --SIGN_OFF--> SIGNED_OFF
 *                                                  SIGNED_OFF --SIGN_ON--> SIGNED_ON
 * any connected state --DISCONNECT--> DISCONNECTED
 * </pre>
 *
 * A repeated sign-on or sign-off is accepted and changes nothing, because banks repeat them after
 * restarting their own software on a connection that stayed open. A sign-off before any sign-on
 * is accepted too: the bank ends up not signed on either way. What is refused is anything but
 * CONNECT while disconnected, and CONNECT while connected. Thread-safe.
 */
public final class SessionStateMachine {

  private SessionState state = SessionState.DISCONNECTED;

  /** The current state. */
  public synchronized SessionState state() {
    return state;
  }

  /** Whether the event is allowed in the current state. */
  public synchronized boolean permits(SessionEvent event) {
    return next(state, event) != null;
  }

  /**
   * Applies an event.
   *
   * @return the state before the event
   * @throws IllegalStateException when the event is not allowed in the current state
   */
  public synchronized SessionState fire(SessionEvent event) {
    SessionState target = next(state, event);
    if (target == null) {
      throw new IllegalStateException(event + " is not allowed in state " + state);
    }
    SessionState before = state;
    state = target;
    return before;
  }

  /**
   * Applies an event if it is allowed; for callers racing with a disconnect.
   *
   * @return the state before the event, or null when it was refused and nothing changed
   */
  public synchronized SessionState fireIfAllowed(SessionEvent event) {
    return permits(event) ? fire(event) : null;
  }

  /** Where an event leads from a state, or null when it is refused there. */
  static SessionState next(SessionState from, SessionEvent event) {
    if (from == SessionState.DISCONNECTED) {
      return event == SessionEvent.CONNECT ? SessionState.CONNECTED : null;
    }
    return switch (event) {
      case CONNECT -> null;
      case SIGN_ON -> SessionState.SIGNED_ON;
      case SIGN_OFF -> SessionState.SIGNED_OFF;
      case DISCONNECT -> SessionState.DISCONNECTED;
    };
  }
}
