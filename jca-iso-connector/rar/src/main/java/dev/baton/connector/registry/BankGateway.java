package dev.baton.connector.registry;

import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.IsoMessages;
import dev.baton.connector.transport.ListeningEndpoint;
import dev.baton.connector.transport.SessionEndpoint;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOException;

/**
 * What the application's connections do, below the Connectors layer: send on a bank's session,
 * list a bank's sessions, and change which sessions run. Thread-safe; one per adapter.
 */
public final class BankGateway {

  private static final Logger LOG = System.getLogger(BankGateway.class.getName());

  private final BankSessionRegistry registry;
  private final SessionViews views;
  private final AtomicInteger turn = new AtomicInteger();

  public BankGateway(BankSessionRegistry registry, InboundDispatcher dispatcher) {
    this.registry = registry;
    this.views = new SessionViews(dispatcher);
  }

  /** See {@link dev.baton.connector.api.BankConnection#send}. */
  public String send(String bankId, String sessionId, IsoMessage message)
      throws BankConnectorException {
    BankSession session = sessionId == null ? anySignedOn(bankId) : named(bankId, sessionId);
    // Network management (08xx) goes on any open connection: a sign-on is how one gets signed on.
    boolean networkManagement = message.mti().charAt(1) == '8';
    if (!networkManagement && session.state() != SessionState.SIGNED_ON) {
      throw new BankConnectorException("bank " + bankId + " session " + session.sessionId()
          + " is " + session.state() + ", not signed on");
    }
    try {
      session.send(IsoMessages.packable(message, endpoint(bankId, session.sessionId()).packager()));
      return session.sessionId();
    } catch (ISOException | IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: send of {2} failed: {3}",
          bankId, session.sessionId(), message.mti(), e.getMessage());
      throw new BankConnectorException("bank " + bankId + " session " + session.sessionId()
          + ": send of " + message.mti() + " failed: " + e.getMessage(), e);
    }
  }

  /** See {@link dev.baton.connector.api.BankConnection#sendPacked}. */
  public String sendPacked(String bankId, String sessionId, byte[] packed)
      throws BankConnectorException {
    BankSession session = sessionId == null ? anySignedOn(bankId) : named(bankId, sessionId);
    if (session.state() != SessionState.SIGNED_ON) {
      throw new BankConnectorException("bank " + bankId + " session " + session.sessionId()
          + " is " + session.state() + ", not signed on");
    }
    try {
      session.sendPacked(packed);
      return session.sessionId();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: send of a packed message failed: {2}",
          bankId, session.sessionId(), e.getMessage());
      throw new BankConnectorException("bank " + bankId + " session " + session.sessionId()
          + ": send failed: " + e.getMessage(), e);
    }
  }

  /** See {@link dev.baton.connector.api.BankConnection#sessionsOf}. */
  public List<SessionInfo> sessionsOf(String bankId) {
    return registry.endpointsOf(bankId).stream().map(views::info).toList();
  }

  /** See {@link dev.baton.connector.api.BankConnection#configure}. */
  public BankSessionRegistry.Change configure(BankSessionSettings settings)
      throws BankConnectorException {
    try {
      return registry.apply(SettingsReader.read(settings));
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: configuration refused: {2}",
          settings.bankId(), settings.sessionId(), e.getMessage());
      throw new BankConnectorException("bank " + settings.bankId() + " session "
          + settings.sessionId() + ": " + e.getMessage(), e);
    }
  }

  /** See {@link dev.baton.connector.api.BankConnection#remove}. */
  public boolean remove(String sessionId) {
    return registry.remove(sessionId);
  }

  /** The port a listening session listens on (the one picked when configured with 0). */
  public OptionalInt listeningPort(String sessionId) {
    return registry.endpoint(sessionId)
        .filter(ListeningEndpoint.class::isInstance)
        .map(endpoint -> OptionalInt.of(((ListeningEndpoint) endpoint).localPort()))
        .orElse(OptionalInt.empty());
  }

  private BankSession named(String bankId, String sessionId) throws BankConnectorException {
    return endpoint(bankId, sessionId).session().orElseThrow(() -> new BankConnectorException(
        "bank " + bankId + " session " + sessionId + " is not connected"));
  }

  private SessionEndpoint endpoint(String bankId, String sessionId) throws BankConnectorException {
    Optional<SessionEndpoint> endpoint = registry.endpoint(sessionId)
        .filter(found -> found.config().bankId().equals(bankId));
    if (endpoint.isEmpty()) {
      throw new BankConnectorException("bank " + bankId + " has no session " + sessionId);
    }
    return endpoint.get();
  }

  /**
   * One of the bank's signed-on sessions, taking turns so that traffic spreads over them. Counts
   * them, then walks to the chosen one, rather than gathering them: every request sent to an
   * issuer comes this way.
   */
  private BankSession anySignedOn(String bankId) throws BankConnectorException {
    List<SessionEndpoint> sessions = registry.endpointsOf(bankId);
    int count = 0;
    for (SessionEndpoint endpoint : sessions) {
      if (signedOn(endpoint) != null) {
        count++;
      }
    }
    BankSession first = null;
    if (count > 0) {
      int chosen = Math.floorMod(turn.getAndIncrement(), count);
      for (SessionEndpoint endpoint : sessions) {
        BankSession session = signedOn(endpoint);
        if (session != null && chosen-- == 0) {
          return session;
        }
        first = first == null ? session : first;
      }
    }
    // Sessions that signed off between the two walks left fewer than counted: any still on will do.
    if (first == null) {
      throw new BankConnectorException("bank " + bankId + " has no signed-on session");
    }
    return first;
  }

  private static BankSession signedOn(SessionEndpoint endpoint) {
    BankSession session = endpoint.session().orElse(null);
    return session != null && session.state() == SessionState.SIGNED_ON ? session : null;
  }
}
