package dev.baton.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.connector.adapter.IsoResourceAdapter;
import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.testkit.BankPeer;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.TestBootstrapContext;
import jakarta.resource.Referenceable;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbound Connectors contract as an application sees it, without a server's pool. */
class BankConnectionFactoryTest {

  private final ExecutorWorkManager workManager = new ExecutorWorkManager(2);
  private final IsoResourceAdapter adapter = new IsoResourceAdapter();
  private final IsoManagedConnectionFactory managedFactory = new IsoManagedConnectionFactory();

  @BeforeEach
  void start() throws Exception {
    adapter.start(new TestBootstrapContext(workManager));
    managedFactory.setResourceAdapter(adapter);
  }

  @AfterEach
  void stop() {
    adapter.stop();
    workManager.close();
  }

  @Test
  void configuresASessionAndSendsOnItThroughAConnection() throws Exception {
    BankConnectionFactory factory = (BankConnectionFactory) managedFactory.createConnectionFactory();
    assertInstanceOf(Serializable.class, factory);
    assertInstanceOf(Referenceable.class, factory);

    try (BankConnection connection = factory.getConnection()) {
      connection.configure(BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", 0));
      int port = adapter.gateway().listeningPort("ISS1-1").orElseThrow();
      try (BankPeer bank = new BankPeer(port)) {
        assertEquals("00", bank.signOn());
        assertEquals("ISS1-1",
            connection.send("ISS1", null, IsoMessage.of("0100").with(11, "000123")));
        assertEquals("000123", bank.receive().getString(11));
        assertEquals(1, connection.sessionsOf("ISS1").size());
      }
      assertEquals(true, connection.remove("ISS1-1"));
    }
  }

  @Test
  void closingAHandleTellsTheServerAndTheHandleRefusesFurtherUse() throws Exception {
    IsoManagedConnection managed =
        (IsoManagedConnection) managedFactory.createManagedConnection(null, null);
    List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    managed.addConnectionEventListener(new Recorder(events));
    BankConnection handle = (BankConnection) managed.getConnection(null, null);

    handle.close();
    handle.close();

    assertEquals(1, events.size());
    assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.getFirst().getId());
    assertSame(handle, events.getFirst().getConnectionHandle());
    assertThrows(BankConnectorException.class, () -> handle.sessionsOf("ISS1"));
    assertSame(managed, managedFactory.matchManagedConnections(
        java.util.Set.of(managed), null, null));
  }

  @Test
  void refusesConnectionsWhileTheAdapterIsStopped() throws Exception {
    BankConnectionFactory factory = (BankConnectionFactory) managedFactory.createConnectionFactory();
    adapter.stop();

    try (BankConnection connection = factory.getConnection()) {
      assertThrows(BankConnectorException.class, () -> connection.sessionsOf("ISS1"));
    }
  }

  private record Recorder(List<ConnectionEvent> events) implements ConnectionEventListener {
    @Override
    public void connectionClosed(ConnectionEvent event) {
      events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {}

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {}

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {}

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {}
  }
}
