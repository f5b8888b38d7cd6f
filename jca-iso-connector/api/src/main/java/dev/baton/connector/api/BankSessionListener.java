package dev.baton.connector.api;

import java.util.List;

/**
 * Implemented by the message-driven beans that receive what banks send. The adapter calls it
 * for each bank session it owns, in the order the session's frames arrived: a session's messages
 * and state changes are delivered one at a time, never two of one session at once.
 *
 * <p>Network management the adapter answers itself (sign-on, sign-off, echo) never arrives here;
 * its effect arrives as {@link #onSessionState}.
 */
public interface BankSessionListener {

  /**
   * A session changed state.
   *
   * @param bankId the bank the session belongs to
   * @param sessionId the session, unique across banks
   * @param state the new state
   */
  void onSessionState(String bankId, String sessionId, SessionState state);

  /**
   * A bank sent an application message (a request, an advice, or an answer to something sent
   * through a {@link BankConnection}). A request must be answered before {@link
   * BankMessage#deadline()}; after it the adapter may already have declined it. Answer through a
   * {@link BankConnection} on {@link BankMessage#sessionId()}.
   *
   * <p>A call that throws counts as a request not taken: the adapter declines it at once with RC
   * 91 (an answer, an advice or a reversal is counted and logged). The container throws before
   * the bean runs when the bean is being undeployed; a bean that answers its requests itself must
   * therefore not let its own failures out of this method.
   *
   * @param message the message, unpacked by the session's packager
   */
  void onMessage(BankMessage message);

  /**
   * Several application messages of one session, in the order they arrived: the adapter had their
   * frames whole in hand at once (a bank's burst, read in one go), and hands them over in one call
   * of the container instead of one each. Each is to be handled as {@link #onMessage} would handle
   * it, in order; a listener may send what they cause together (one flush of its writes for the
   * lot).
   *
   * <p>A call that throws counts as none of them taken: the adapter declines every request among
   * them at once with RC 91, as for {@link #onMessage}; so a bean must not let its own failures out
   * of this method either.
   *
   * @param messages two or more, of one session
   */
  void onMessages(List<BankMessage> messages);

  /**
   * A handler the adapter may give this listener's messages to directly, on the session's reader,
   * in place of calling the bean through the container for each one; null for every message
   * through the container. The adapter asks once for each endpoint it keeps for a session (this
   * call goes through the container), and uses the handler until the endpoint is deactivated;
   * deactivation waits (a few seconds at most) for the handler's calls under way to return, so an
   * undeployed application is not called after it.
   *
   * <p>For a bean whose message handling needs none of the container's services: the container's
   * work around a call (its interceptors, a request scope opened and closed, the instance pool) is
   * paid for every message otherwise, and at a few thousand messages a second most calls carry
   * one.
   */
  BankMessageHandler directHandler();
}
