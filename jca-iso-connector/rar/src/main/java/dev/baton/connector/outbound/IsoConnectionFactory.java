package dev.baton.connector.outbound;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * What the server binds in JNDI: hands out connections through the server's connection manager.
 * Serializable and Referenceable as the Connectors contract asks of anything bound in JNDI.
 */
public class IsoConnectionFactory implements BankConnectionFactory, Serializable, Referenceable {

  private static final long serialVersionUID = 1L;

  private final IsoManagedConnectionFactory managedFactory;
  private final ConnectionManager manager;
  private Reference reference;

  IsoConnectionFactory(IsoManagedConnectionFactory managedFactory, ConnectionManager manager) {
    this.managedFactory = managedFactory;
    this.manager = manager;
  }

  @Override
  public BankConnection getConnection() throws BankConnectorException {
    try {
      return (BankConnection) manager.allocateConnection(managedFactory, null);
    } catch (ResourceException e) {
      throw new BankConnectorException("no connection to the ISO 8583 adapter: " + e.getMessage(), e);
    }
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
