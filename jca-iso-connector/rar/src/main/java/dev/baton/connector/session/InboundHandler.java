package dev.baton.connector.session;

import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionState;

/** Where a session hands what is not network management: the adapter's inbound delivery. */
public interface InboundHandler {

  /**
   * A message that unpacked, is not network management, and (if a request) arrived while the
   * session was signed on. Called on the session's reader thread, in arrival order; must not
   * block for long.
   *
   * @param frame the frame as received: the message's header (TPDU), if any, then its packed bytes
   */
  void onMessage(BankSession session, IsoMessage message, byte[] frame);

  /**
   * A message that unpacked but has a field the API's message cannot carry: it is dropped, and
   * the handler hears why.
   */
  default void onUndeliverable(BankSession session, String why) {}

  /** The session changed state. */
  default void onStateChange(BankSession session, SessionState state) {}
}
