package dev.baton.connector.outbound;

import dev.baton.connector.adapter.IsoResourceAdapter;
import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.registry.BankGateway;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The connection definition behind {@code java:/baton/BankConnectionFactory}. Every managed
 * connection is alike (no credentials, no per-connection state), so any pooled one matches.
 */
@ConnectionDefinition(
    connectionFactory = BankConnectionFactory.class,
    connectionFactoryImpl = IsoConnectionFactory.class,
    connection = BankConnection.class,
    connectionImpl = IsoConnection.class)
public class IsoManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation {

  private static final long serialVersionUID = 1L;

  private transient IsoResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;

  @Override
  public Object createConnectionFactory(ConnectionManager manager) {
    return new IsoConnectionFactory(this, manager);
  }

  /** Outside a server: connections are made on demand, without a pool. */
  @Override
  public Object createConnectionFactory() {
    return new IsoConnectionFactory(this, new UnpooledConnectionManager());
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
    return new IsoManagedConnection(this);
  }

  @Override
  public ManagedConnection matchManagedConnections(
      @SuppressWarnings("rawtypes") Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof IsoManagedConnection connection && connection.belongsTo(this)) {
        return connection;
      }
    }
    return null;
  }

  /** The adapter's gateway, looked up per call so a restarted adapter is picked up. */
  BankGateway gateway() throws ResourceException {
    if (resourceAdapter == null) {
      throw new ResourceException("connection factory not associated with the ISO 8583 adapter");
    }
    return resourceAdapter.gateway();
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
    if (!(adapter instanceof IsoResourceAdapter isoAdapter)) {
      throw new ResourceException("not the ISO 8583 adapter: " + adapter);
    }
    this.resourceAdapter = isoAdapter;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  // No configuration properties: two factories of the same adapter are interchangeable.
  @Override
  public boolean equals(Object other) {
    return other instanceof IsoManagedConnectionFactory that
        && that.resourceAdapter == resourceAdapter;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(resourceAdapter);
  }
}
