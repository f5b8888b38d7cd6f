package dev.baton.connector.adapter;

import dev.baton.connector.api.BankSessionListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;

/**
 * The ISO 8583 resource adapter. It is deployed on its own, beside the EAR, so that the bank
 * sessions it owns outlive a redeploy of the application.
 */
@Connector(
    displayName = "Baton ISO 8583 connector",
    vendorName = "Baton",
    eisType = "ISO 8583 bank sessions",
    version = "0.1",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class IsoResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = System.getLogger(IsoResourceAdapter.class.getName());

  private final Map<MessageEndpointFactory, BankSessionActivationSpec> activations =
      new ConcurrentHashMap<>();
  private volatile WorkManager workManager;

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    workManager = context.getWorkManager();
    LOG.log(Level.INFO, "ISO 8583 connector started");
  }

  @Override
  public void stop() {
    activations.clear();
    workManager = null;
    LOG.log(Level.INFO, "ISO 8583 connector stopped");
  }

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof BankSessionActivationSpec bankSpec)) {
      throw new ResourceException("not an activation of " + BankSessionListener.class.getName());
    }
    bankSpec.validate();
    activations.put(factory, bankSpec);
    LOG.log(Level.INFO, "endpoint activated for banks {0}", bankSpec.getBanks());
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    activations.remove(factory);
    LOG.log(Level.INFO, "endpoint deactivated");
  }

  /** How many message-driven endpoints listen right now. */
  public int activeEndpoints() {
    return activations.size();
  }

  WorkManager workManager() {
    return workManager;
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  // The adapter is a singleton per deployment; identity is the right equality for it.
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
