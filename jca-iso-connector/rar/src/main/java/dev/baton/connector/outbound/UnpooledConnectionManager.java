package dev.baton.connector.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for use outside a server (tests, tools): a new managed connection per
 * handle. Inside WildFly the server's pooling manager is used instead.
 */
final class UnpooledConnectionManager implements ConnectionManager {

  private static final long serialVersionUID = 1L;

  @Override
  public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
      throws ResourceException {
    return factory.createManagedConnection(null, info).getConnection(null, info);
  }
}
