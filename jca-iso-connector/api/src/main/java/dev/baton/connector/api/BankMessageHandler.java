package dev.baton.connector.api;

import java.util.List;

/**
 * Takes a listener's bank messages straight on the adapter's thread, with no call of the container
 * around each: what {@link BankSessionListener#directHandler()} gives. Its methods have the
 * contract of the listener's methods of the same names (order, one at a time per session, a throw
 * counting as the messages not taken), but run with none of the container's services: no
 * transaction, no security identity, no CDI scope, the adapter's thread's class loader.
 */
public interface BankMessageHandler {

  /** As {@link BankSessionListener#onMessage}. */
  void onMessage(BankMessage message);

  /** As {@link BankSessionListener#onMessages}. */
  void onMessages(List<BankMessage> messages);
}
