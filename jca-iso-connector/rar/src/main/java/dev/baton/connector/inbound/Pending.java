package dev.baton.connector.inbound;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.session.BankSession;

/** One thing a session's queue holds for the endpoints: a message or a state change. */
sealed interface Pending {

  /**
   * A message from the bank.
   *
   * @param session the connection it came in on, where a decline goes back
   * @param message what the endpoint gets; its frame is what a decline is built from
   */
  record Message(BankSession session, BankMessage message) implements Pending {

    boolean isRequest() {
      return message.message().isRequest();
    }
  }

  /**
   * A state change of the session; never expires.
   *
   * @param connection the connection whose state it is: one a newer connection has replaced
   *     reports nothing more (see {@link BankSession#replaced()})
   */
  record StateChange(BankSession connection, SessionState state) implements Pending {

    String bankId() {
      return connection.bankId();
    }

    String sessionId() {
      return connection.sessionId();
    }
  }
}
