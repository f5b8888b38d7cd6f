package dev.baton.connector.adapter;

import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.inbound.DeliveryRules;
import dev.baton.connector.inbound.EndpointActivations;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.metrics.SessionMBeans;
import dev.baton.connector.registry.BankGateway;
import dev.baton.connector.registry.BankSessionRegistry;
import dev.baton.connector.registry.SessionViews;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import javax.transaction.xa.XAResource;

/**
 * The ISO 8583 resource adapter. It is deployed on its own, beside the EAR, so that the bank
 * sessions it owns outlive a redeploy of the application: while the application's endpoints are
 * away, inbound messages wait in a bounded buffer per session.
 */
@Connector(
    displayName = "Baton ISO 8583 connector",
    vendorName = "Baton",
    eisType = "ISO 8583 bank sessions",
    version = "0.1",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class IsoResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = System.getLogger(IsoResourceAdapter.class.getName());

  @ConfigProperty(
      description = "Messages one bank session holds while no endpoint is active",
      defaultValue = "1000")
  private Integer bufferCapacity = 1000;

  @ConfigProperty(
      description = "Milliseconds after arrival within which a message must reach an endpoint; "
          + "a request still waiting then is declined with RC 91",
      defaultValue = "5000")
  private Long deliveryDeadlineMillis = 5000L;

  private final EndpointActivations activations = new EndpointActivations();
  private volatile Running running;

  /** What exists only between start and stop. */
  private record Running(InboundDispatcher dispatcher, BankSessionRegistry registry,
      BankGateway gateway, SessionMBeans mbeans) {}

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    DeliveryRules rules;
    try {
      rules = new DeliveryRules(bufferCapacity, Duration.ofMillis(deliveryDeadlineMillis));
    } catch (IllegalArgumentException e) {
      throw new ResourceAdapterInternalException("invalid configuration: " + e.getMessage(), e);
    }
    InboundDispatcher dispatcher =
        new InboundDispatcher(rules, activations, context.getWorkManager());
    // One MBean per session in the platform MBeanServer, for the console and metrics exporters.
    SessionMBeans mbeans = new SessionMBeans(new SessionViews(dispatcher));
    // Platform threads, one reader (and echo loop, and write watch) per connection: a switch has
    // tens or hundreds of bank sessions, not millions, and a platform thread blocked in a socket
    // read is woken by the kernel itself. A virtual thread's read went through the JDK's poller
    // and a carrier thread, two wake-ups per frame, which was most of the edge's processor time
    // under load.
    BankSessionRegistry registry = new BankSessionRegistry(
        dispatcher, Thread.ofPlatform().name("baton-iso-session-", 0).daemon().factory(), mbeans);
    running = new Running(dispatcher, registry, new BankGateway(registry, dispatcher), mbeans);
    LOG.log(Level.INFO, "ISO 8583 connector started: buffer {0} per session, deadline {1} ms",
        bufferCapacity, deliveryDeadlineMillis);
  }

  @Override
  public void stop() {
    Running stopping = running;
    running = null;
    if (stopping != null) {
      stopping.registry().close();
      // Stopping the sessions unregistered their MBeans; this catches any registration left over.
      stopping.mbeans().close();
      stopping.dispatcher().close();
    }
    activations.clear();
    LOG.log(Level.INFO, "ISO 8583 connector stopped");
  }

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof BankSessionActivationSpec bankSpec)) {
      throw new ResourceException("not an activation of " + BankSessionListener.class.getName());
    }
    bankSpec.validate();
    // Activating resumes delivery of whatever the sessions buffered meanwhile.
    activations.activate(factory, bankSpec.getBanks());
    LOG.log(Level.INFO, "endpoint activated for banks {0}", bankSpec.getBanks());
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    activations.deactivate(factory);
    LOG.log(Level.INFO, "endpoint deactivated; inbound messages are buffered until the next");
  }

  /** How many message-driven endpoints listen right now. */
  public int activeEndpoints() {
    return activations.size();
  }

  /**
   * What the outbound connections use.
   *
   * @throws ResourceException when the adapter is not started
   */
  public BankGateway gateway() throws ResourceException {
    Running now = running;
    if (now == null) {
      throw new ResourceException("the ISO 8583 connector is not started");
    }
    return now.gateway();
  }

  public Integer getBufferCapacity() {
    return bufferCapacity;
  }

  public void setBufferCapacity(Integer bufferCapacity) {
    this.bufferCapacity = bufferCapacity;
  }

  public Long getDeliveryDeadlineMillis() {
    return deliveryDeadlineMillis;
  }

  public void setDeliveryDeadlineMillis(Long deliveryDeadlineMillis) {
    this.deliveryDeadlineMillis = deliveryDeadlineMillis;
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
