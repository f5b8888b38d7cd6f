package dev.baton.connector.api;

/**
 * Implemented by the message-driven beans that receive what banks send. The adapter calls it
 * for each bank session it owns, in the order the session's frames arrived.
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
}
