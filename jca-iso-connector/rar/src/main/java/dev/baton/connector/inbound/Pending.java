package dev.baton.connector.inbound;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.session.BankSession;
import org.jpos.iso.ISOMsg;

/** One thing a session's queue holds for the endpoints: a message or a state change. */
sealed interface Pending {

  /**
   * A message from the bank.
   *
   * @param session the connection it came in on, where a decline goes back
   * @param iso the message as jPOS unpacked it, to build a decline from
   * @param message what the endpoint gets
   */
  record Message(BankSession session, ISOMsg iso, BankMessage message) implements Pending {

    boolean isRequest() {
      return message.message().isRequest();
    }
  }

  /** A state change of the session; never expires. */
  record StateChange(String bankId, String sessionId, SessionState state) implements Pending {}
}
