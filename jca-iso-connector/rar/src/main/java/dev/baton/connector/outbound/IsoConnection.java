package dev.baton.connector.outbound;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.registry.BankGateway;
import dev.baton.connector.session.HeldWrites;
import jakarta.resource.ResourceException;
import java.util.List;

/** The handle an application holds: forwards to the adapter's gateway until it is closed. */
public class IsoConnection implements BankConnection {

  private volatile IsoManagedConnection managed;
  private volatile boolean closed;

  IsoConnection(IsoManagedConnection managed) {
    this.managed = managed;
  }

  @Override
  public String send(String bankId, String sessionId, IsoMessage message)
      throws BankConnectorException {
    return gateway().send(bankId, sessionId, message);
  }

  @Override
  public String sendPacked(String bankId, String sessionId, byte[] packed)
      throws BankConnectorException {
    return gateway().sendPacked(bankId, sessionId, packed);
  }

  @Override
  public void holdWrites() {
    HeldWrites.hold();
  }

  @Override
  public void flushWrites() {
    HeldWrites.flush();
  }

  @Override
  public List<SessionInfo> sessionsOf(String bankId) throws BankConnectorException {
    return gateway().sessionsOf(bankId);
  }

  @Override
  public void configure(BankSessionSettings settings) throws BankConnectorException {
    gateway().configure(settings);
  }

  @Override
  public boolean remove(String sessionId) throws BankConnectorException {
    return gateway().remove(sessionId);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      managed.closed(this);
    }
  }

  IsoManagedConnection managedConnection() {
    return managed;
  }

  void moveTo(IsoManagedConnection other) {
    managed = other;
  }

  /** The server cleaned up the managed connection under this handle. */
  void invalidate() {
    closed = true;
  }

  private BankGateway gateway() throws BankConnectorException {
    if (closed) {
      throw new BankConnectorException("bank connection is closed");
    }
    try {
      return managed.gateway();
    } catch (ResourceException e) {
      throw new BankConnectorException(e.getMessage(), e);
    }
  }
}
