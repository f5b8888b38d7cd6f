package dev.baton.connector.registry;

import dev.baton.connector.transport.SessionEndpoint;

/**
 * Told when the registry starts and stops a configured session (a replaced session is stopped,
 * then its successor started), e.g. to register its metrics. Called while the registry's change
 * lock is held: must be quick, and must not call back into the registry.
 */
public interface SessionLifecycle {

  /** Nobody listens. */
  SessionLifecycle NONE = new SessionLifecycle() {
    @Override
    public void started(SessionEndpoint endpoint) {}

    @Override
    public void stopped(SessionEndpoint endpoint) {}
  };

  /** The session's endpoint has started listening or dialling. */
  void started(SessionEndpoint endpoint);

  /** The session's endpoint has stopped: removed, replaced, or the adapter is stopping. */
  void stopped(SessionEndpoint endpoint);
}
