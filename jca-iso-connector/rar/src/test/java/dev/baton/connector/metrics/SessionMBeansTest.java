package dev.baton.connector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.adapter.IsoResourceAdapter;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.inbound.DeliveryRules;
import dev.baton.connector.inbound.EndpointActivations;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.registry.BankSessionRegistry;
import dev.baton.connector.registry.SessionViews;
import dev.baton.connector.testkit.BankPeer;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.Poll;
import dev.baton.connector.testkit.TestBootstrapContext;
import dev.baton.connector.transport.ListeningEndpoint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One MBean per session in the platform MBeanServer: registration, values, unregistration. */
class SessionMBeansTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ExecutorWorkManager workManager = new ExecutorWorkManager(2);
  private final InboundDispatcher dispatcher =
      new InboundDispatcher(DeliveryRules.defaults(), new EndpointActivations(), workManager);
  private final SessionMBeans mbeans = new SessionMBeans(new SessionViews(dispatcher), server);
  private final BankSessionRegistry registry = new BankSessionRegistry(
      dispatcher, Thread.ofVirtual().name("test-session-", 0).factory(), mbeans);
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
    registry.close();
    mbeans.close();
    dispatcher.close();
    workManager.close();
  }

  @Test
  void namesSessionsByBankAndSessionAndQuotesReservedCharacters() throws Exception {
    assertEquals(new ObjectName("dev.baton.connector:type=BankSession,bank=ACQ1,session=ACQ1-1"),
        SessionMBeans.nameOf("ACQ1", "ACQ1-1"));
    ObjectName quoted = SessionMBeans.nameOf("ACQ:1", "ACQ,1=A");
    assertEquals("\"ACQ:1\"", quoted.getKeyProperty("bank"));
    assertEquals("ACQ,1=A", ObjectName.unquote(quoted.getKeyProperty("session")));
  }

  @Test
  void registersASessionWhenItStartsAndExportsItsCounters() throws Exception {
    ObjectName name = SessionMBeans.nameOf("ACQ1", "ACQ1-1");
    int port = listen(BankSessionConfig.of("ACQ1", "ACQ1-1", SessionMode.LISTEN, "127.0.0.1", 0)
        .withEcho(Duration.ofMillis(100), 3));

    assertTrue(server.isRegistered(name));
    assertEquals("DISCONNECTED", server.getAttribute(name, "State"));
    assertEquals(-1L, server.getAttribute(name, "LastMessageEpochMillis"));
    assertEquals("", server.getAttribute(name, "LastMessageAt"));

    BankPeer bank = track(new BankPeer(port));
    assertEquals("00", bank.signOn());
    Poll.until("signed on", () -> "SIGNED_ON".equals(attribute(name, "State")));
    assertEquals("ACQ1", server.getAttribute(name, "BankId"));
    assertEquals("ACQ1-1", server.getAttribute(name, "SessionId"));
    assertEquals(1L, server.getAttribute(name, "FramesIn"));
    assertEquals(1L, server.getAttribute(name, "Connections"));
    assertEquals("127.0.0.1:" + bank.localPort(), server.getAttribute(name, "RemoteAddress"));
    assertTrue((Long) server.getAttribute(name, "LastMessageEpochMillis") > 0);
    assertNotEquals("", server.getAttribute(name, "LastMessageAt"));
    assertEquals(0L, server.getAttribute(name, "BadFrames"));
    assertEquals(0L, server.getAttribute(name, "DroppedFrames"));

    // The bank reads nothing: the adapter's echo tests go unanswered and show up as missed.
    Poll.until("echo sent", () -> (Long) attribute(name, "EchoesSent") >= 1);
    Poll.until("echo missed", () -> (Long) attribute(name, "EchoesMissed") >= 1);
    Poll.until("marked overdue", () -> (Boolean) attribute(name, "EchoOverdue"));
    assertTrue((Long) server.getAttribute(name, "FramesOut") >= 2, "sign-on answer and echoes");
    assertEquals(0L, server.getAttribute(name, "EchoesAnswered"));
    assertNotEquals("", server.getAttribute(name, "LastEchoSentAt"));
  }

  @Test
  void unregistersWhenTheSessionIsRemovedAndReregistersWhenReplaced() throws Exception {
    BankSessionConfig config =
        BankSessionConfig.of("ISS1", "ISS1-1", SessionMode.LISTEN, "127.0.0.1", 0);
    ObjectName name = SessionMBeans.nameOf("ISS1", "ISS1-1");
    listen(config);
    assertTrue(server.isRegistered(name));

    listen(config.withEcho(Duration.ofSeconds(30), 3));
    assertTrue(server.isRegistered(name), "a replaced session keeps its MBean name");
    assertEquals("DISCONNECTED", server.getAttribute(name, "State"));

    assertTrue(registry.remove("ISS1-1"));
    assertFalse(server.isRegistered(name));
  }

  @Test
  void unregistersEverySessionWhenTheAdapterStops() throws Exception {
    IsoResourceAdapter adapter = new IsoResourceAdapter();
    adapter.start(new TestBootstrapContext(workManager));
    ObjectName first = SessionMBeans.nameOf("ACQ7", "ACQ7-1");
    ObjectName second = SessionMBeans.nameOf("ACQ7", "ACQ7-2");
    try {
      for (String sessionId : List.of("ACQ7-1", "ACQ7-2")) {
        adapter.gateway().configure(
            BankSessionSettings.of("ACQ7", sessionId, "LISTEN", "127.0.0.1", 0));
      }
      assertTrue(server.isRegistered(first));
      assertTrue(server.isRegistered(second));
      assertEquals(2, server.queryNames(
          new ObjectName("dev.baton.connector:type=BankSession,bank=ACQ7,*"), null).size());
    } finally {
      adapter.stop();
    }
    assertFalse(server.isRegistered(first));
    assertFalse(server.isRegistered(second));
  }

  private int listen(BankSessionConfig config) throws Exception {
    registry.apply(config);
    return ((ListeningEndpoint) registry.endpoint(config.sessionId()).orElseThrow()).localPort();
  }

  private Object attribute(ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (Exception e) {
      throw new AssertionError(attribute + " of " + name, e);
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    cleanup.add(closeable);
    return closeable;
  }
}
