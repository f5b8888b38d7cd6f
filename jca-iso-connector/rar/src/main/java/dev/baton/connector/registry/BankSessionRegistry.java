package dev.baton.connector.registry;

import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.session.InboundHandler;
import dev.baton.connector.transport.SessionEndpoint;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

/**
 * The bank sessions the adapter runs, changed at runtime without a restart. Changes are
 * serialised; lookups (every send does one) are not blocked by them.
 */
public final class BankSessionRegistry implements AutoCloseable {

  private static final Logger LOG = System.getLogger(BankSessionRegistry.class.getName());

  /** What {@link #apply} did. */
  public enum Change {
    ADDED,
    REPLACED,
    /** Same configuration as the running one: the session and its connection were left alone. */
    UNCHANGED
  }

  private final Map<String, SessionEndpoint> endpoints = new ConcurrentHashMap<>();
  /**
   * The same sessions by bank, in session id order, rebuilt at every change: every message sent
   * without a session named looks its bank's sessions up, and filtering and sorting all sessions
   * each time was a twentieth of the edge's time under load.
   */
  private volatile Map<String, List<SessionEndpoint>> byBank = Map.of();
  private final InboundHandler handler;
  private final ThreadFactory threads;
  private final SessionLifecycle lifecycle;

  /**
   * @param handler where every session's application messages and state changes go
   * @param threads the threads sessions read and listen on
   */
  public BankSessionRegistry(InboundHandler handler, ThreadFactory threads) {
    this(handler, threads, SessionLifecycle.NONE);
  }

  /**
   * @param handler where every session's application messages and state changes go
   * @param threads the threads sessions read and listen on, and send echo tests from
   * @param lifecycle told when a session starts and stops (metrics registration)
   */
  public BankSessionRegistry(
      InboundHandler handler, ThreadFactory threads, SessionLifecycle lifecycle) {
    this.handler = handler;
    this.threads = threads;
    this.lifecycle = lifecycle;
  }

  /**
   * Runs a session: starts it when new, replaces it when its configuration changed (the old
   * endpoint and its connection close first, so a listening port can be reused at once).
   *
   * @throws IOException when the new endpoint cannot listen; the session is not running then
   * @throws IllegalArgumentException when the packager setting does not load
   */
  public synchronized Change apply(BankSessionConfig config) throws IOException {
    SessionEndpoint running = endpoints.get(config.sessionId());
    if (running != null && running.config().equals(config)) {
      return Change.UNCHANGED;
    }
    // Built before the old one stops: a packager that does not load leaves the old one running.
    SessionEndpoint next = SessionEndpoint.of(config, handler, threads);
    if (running != null) {
      endpoints.remove(config.sessionId());
      indexByBank(); // gone from the index too, should the new one not start
      running.stop();
      lifecycle.stopped(running);
    }
    next.start();
    endpoints.put(config.sessionId(), next);
    indexByBank();
    lifecycle.started(next);
    Change change = running == null ? Change.ADDED : Change.REPLACED;
    LOG.log(Level.INFO, "bank {0} session {1}: {2}, {3} {4}:{5,number,#}", config.bankId(),
        config.sessionId(), change, config.mode(), config.host(), config.port());
    return change;
  }

  /** Stops a session and closes its connection; false when there was none. */
  public synchronized boolean remove(String sessionId) {
    SessionEndpoint running = endpoints.remove(sessionId);
    if (running == null) {
      return false;
    }
    indexByBank();
    running.stop();
    lifecycle.stopped(running);
    LOG.log(Level.INFO, "bank {0} session {1}: removed", running.config().bankId(), sessionId);
    return true;
  }

  public Optional<SessionEndpoint> endpoint(String sessionId) {
    return Optional.ofNullable(endpoints.get(sessionId));
  }

  /** Every running session. */
  public List<SessionEndpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  /** The bank's sessions, in session id order. */
  public List<SessionEndpoint> endpointsOf(String bankId) {
    return byBank.getOrDefault(bankId, List.of());
  }

  /** Rebuilds {@link #byBank}; under this registry's lock, after every change of {@link #endpoints}. */
  private void indexByBank() {
    byBank = Map.copyOf(endpoints.values().stream()
        .sorted((a, b) -> a.config().sessionId().compareTo(b.config().sessionId()))
        .collect(Collectors.groupingBy(endpoint -> endpoint.config().bankId(),
            Collectors.collectingAndThen(Collectors.toList(), List::copyOf))));
  }

  /** Stops every session: the adapter is going down. */
  @Override
  public synchronized void close() {
    for (String sessionId : List.copyOf(endpoints.keySet())) {
      remove(sessionId);
    }
  }
}
