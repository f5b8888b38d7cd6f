package dev.baton.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.connector.api.SessionState;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.testkit.BankPeer;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.Poll;
import dev.baton.connector.testkit.RecordingEndpointFactory;
import dev.baton.connector.transport.ListeningEndpoint;
import dev.baton.connector.transport.SessionEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the endpoints hear of a session whose bank reconnects: a listening session takes a new
 * connection in place of the old one, and the session's state is the new connection's from then on.
 */
class ReplacedConnectionStatesTest {

  private static final ThreadFactory THREADS = Thread.ofVirtual().name("test-session-", 0).factory();

  private final ExecutorWorkManager workManager = new ExecutorWorkManager(2);
  private final EndpointActivations activations = new EndpointActivations();
  private final InboundDispatcher dispatcher =
      new InboundDispatcher(DeliveryRules.defaults(), activations, workManager);
  private final RecordingEndpointFactory endpoints = new RecordingEndpointFactory();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private ListeningEndpoint session;

  @BeforeEach
  void listen() throws Exception {
    activations.activate(endpoints, "ACQ1");
    session = (ListeningEndpoint) SessionEndpoint.of(
        BankSessionConfig.of("ACQ1", "ACQ1-1", SessionMode.LISTEN, "127.0.0.1", 0), dispatcher, THREADS);
    session.start();
    cleanup.add(session::stop);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
    dispatcher.close();
    workManager.close();
  }

  @Test
  void aStateTheReplacedConnectionReportsLateDoesNotOverrideTheNewConnections() throws Exception {
    BankPeer first = connect();
    assertEquals("00", first.signOn());
    Poll.until("first connection signed on", () -> endpoints.states.size() == 2);
    BankSession old = session.session().orElseThrow();

    BankPeer second = connect();
    assertEquals("00", second.signOn());
    Poll.until("second connection signed on", () -> endpoints.states.size() == 5);
    assertEquals(List.of("ACQ1-1 CONNECTED", "ACQ1-1 SIGNED_ON", "ACQ1-1 DISCONNECTED", "ACQ1-1 CONNECTED",
        "ACQ1-1 SIGNED_ON"), endpoints.states, "the old connection's end is heard before the new one's start");

    // What the old connection's reader reports when a close it had begun before the new
    // connection came ends only now (a bank that reconnected at once): passed on, it would mark
    // the signed-on session DISCONNECTED, and the nodes would decline its traffic.
    dispatcher.onStateChange(old, SessionState.DISCONNECTED);
    // Then something the endpoints must hear, behind which a stale state would have queued.
    second.send(signOff());
    assertEquals("00", second.receive().getString(39));
    Poll.until("sign-off heard", () -> endpoints.states.contains("ACQ1-1 SIGNED_OFF"));

    assertEquals(List.of("ACQ1-1 CONNECTED", "ACQ1-1 SIGNED_ON", "ACQ1-1 DISCONNECTED", "ACQ1-1 CONNECTED",
        "ACQ1-1 SIGNED_ON", "ACQ1-1 SIGNED_OFF"), endpoints.states);
  }

  private BankPeer connect() throws Exception {
    BankPeer peer = new BankPeer(session.localPort());
    cleanup.add(peer);
    return peer;
  }

  private static ISOMsg signOff() throws Exception {
    ISOMsg signOff = new ISOMsg("0800");
    signOff.set(7, "1205063000");
    signOff.set(11, "999998");
    signOff.set(70, "002");
    return signOff;
  }
}
