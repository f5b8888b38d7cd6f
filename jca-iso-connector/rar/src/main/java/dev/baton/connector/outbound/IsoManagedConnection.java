package dev.baton.connector.outbound;

import dev.baton.connector.registry.BankGateway;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * A pooled connection to the adapter. It owns no socket (the bank sessions belong to the adapter,
 * not to a connection), so it is cheap, never breaks, and is only the server's unit of pooling.
 */
final class IsoManagedConnection implements ManagedConnection {

  private final IsoManagedConnectionFactory factory;
  private final Set<IsoConnection> handles = ConcurrentHashMap.newKeySet();
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private PrintWriter logWriter;

  IsoManagedConnection(IsoManagedConnectionFactory factory) {
    this.factory = factory;
  }

  boolean belongsTo(IsoManagedConnectionFactory other) {
    return factory.equals(other);
  }

  BankGateway gateway() throws ResourceException {
    return factory.gateway();
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info) {
    IsoConnection handle = new IsoConnection(this);
    handles.add(handle);
    return handle;
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof IsoConnection handle)) {
      throw new ResourceException("not a bank connection: " + connection);
    }
    handle.managedConnection().handles.remove(handle);
    handle.moveTo(this);
    handles.add(handle);
  }

  /** A handle was closed by the application: tell the server, which returns us to the pool. */
  void closed(IsoConnection handle) {
    handles.remove(handle);
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      listener.connectionClosed(event);
    }
  }

  @Override
  public void cleanup() {
    handles.forEach(IsoConnection::invalidate);
    handles.clear();
  }

  @Override
  public void destroy() {
    cleanup();
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() throws ResourceException {
    throw new NotSupportedException("bank sessions are not transactional");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("bank sessions are not transactional");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "ISO 8583 bank sessions";
      }

      @Override
      public String getEISProductVersion() {
        return "ISO 8583";
      }

      @Override
      public int getMaxConnections() {
        return 0; // no limit of the adapter's own
      }

      @Override
      public String getUserName() {
        return null;
      }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }
}
