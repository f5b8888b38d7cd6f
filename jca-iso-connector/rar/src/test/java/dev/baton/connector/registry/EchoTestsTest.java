package dev.baton.connector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.api.SessionStatistics;
import dev.baton.connector.inbound.DeliveryRules;
import dev.baton.connector.inbound.EndpointActivations;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Echo tests the adapter sends on a session's interval, over real loopback sockets, against jPOS
 * banks that answer, stay silent, or recover; read back through {@code sessionsOf}.
 */
class EchoTestsTest {

  private final ExecutorWorkManager workManager = new ExecutorWorkManager(2);
  // No endpoint is active: anything that reached inbound delivery would show up as buffered.
  private final InboundDispatcher dispatcher =
      new InboundDispatcher(DeliveryRules.defaults(), new EndpointActivations(), workManager);
  private final BankSessionRegistry registry =
      new BankSessionRegistry(dispatcher, Thread.ofVirtual().name("test-session-", 0).factory());
  private final BankGateway gateway = new BankGateway(registry, dispatcher);
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
    registry.close();
    dispatcher.close();
    workManager.close();
  }

  @Test
  void sendsEchoTestsOnTheIntervalAndKeepsTheAnswersFromTheApplication() throws Exception {
    EchoBank bank = connect(listen("ACQ1", "ACQ1-1", 150, 3), true);
    bank.signOn();
    Poll.until("signed on", () -> info("ACQ1").state() == SessionState.SIGNED_ON);

    Poll.until("three echoes answered", () -> info("ACQ1").statistics().echoesAnswered() >= 3);

    SessionInfo info = info("ACQ1");
    SessionStatistics statistics = info.statistics();
    assertFalse(info.echoOverdue());
    assertTrue(statistics.echoesSent() >= 3);
    assertNotNull(statistics.lastEchoSentAt());
    assertNotNull(statistics.lastEchoAnsweredAt());
    assertEquals(SessionState.SIGNED_ON, info.state(), "echoes leave the state alone");
    assertEquals(0, statistics.buffered() + statistics.delivered() + statistics.lostUndelivered(),
        "echo answers never reach inbound delivery");
    for (ISOMsg echo : bank.echoes) {
      assertEquals("0800", echo.getMTI());
      assertEquals("301", echo.getString(70));
      assertTrue(echo.getString(7).matches("[0-9]{10}"), "field 7: " + echo.getString(7));
      assertTrue(echo.getString(11).matches("[0-9]{6}"), "field 11: " + echo.getString(11));
    }
    Set<String> stans = bank.echoes.stream().map(echo -> echo.getString(11))
        .collect(Collectors.toSet());
    assertEquals(bank.echoes.size(), stans.size(), "every echo has its own trace number");
    assertEquals("000001", bank.echoes.getFirst().getString(11));
  }

  @Test
  void marksASilentBankOverdueWithoutDisconnectingIt() throws Exception {
    EchoBank silent = connect(listen("ACQ2", "ACQ2-1", 100, 3), false);
    EchoBank neighbour = connect(listen("ISS1", "ISS1-1", 100, 3), true);

    Poll.until("silent bank marked", () -> info("ACQ2").echoOverdue());
    SessionInfo marked = info("ACQ2");
    assertTrue(marked.statistics().echoesMissed() >= 3);
    assertEquals(0, marked.statistics().echoesAnswered());

    // The adapter keeps echoing and keeps the connection: marking is all it does.
    long sent = marked.statistics().echoesSent();
    Poll.until("echoes go on", () -> info("ACQ2").statistics().echoesSent() >= sent + 2);
    SessionInfo later = info("ACQ2");
    assertTrue(later.echoOverdue());
    assertEquals(SessionState.CONNECTED, later.state());
    assertEquals(1, later.statistics().connections(), "never disconnected and reconnected");
    assertTrue(silent.isConnected());
    Poll.until("the bank reads every echo", () -> silent.echoes.size() >= 5);
    assertFalse(info("ISS1").echoOverdue(), "the answering neighbour is not marked");
    assertTrue(neighbour.answered.get() >= 1);
  }

  @Test
  void clearsTheMarkWhenTheBankAnswersAgain() throws Exception {
    EchoBank bank = connect(listen("ACQ3", "ACQ3-1", 100, 2), false);
    Poll.until("marked after two misses", () -> info("ACQ3").echoOverdue());
    assertTrue(info("ACQ3").statistics().echoesMissed() >= 2);

    bank.startAnswering();

    Poll.until("mark cleared", () -> !info("ACQ3").echoOverdue());
    SessionInfo recovered = info("ACQ3");
    assertTrue(recovered.statistics().echoesAnswered() >= 1);
    assertNotNull(recovered.statistics().lastEchoAnsweredAt());
    assertEquals(SessionState.CONNECTED, recovered.state());
    assertEquals(1, recovered.statistics().connections());
  }

  @Test
  void sendsNoEchoTestsWithoutAnInterval() throws Exception {
    EchoBank bank = connect(listen("ACQ4", "ACQ4-1", 0, 3), true);
    bank.signOn();
    Poll.until("sign-on answered", () -> bank.others.size() == 1);

    // A second session with echoes proves time has passed for the first one too.
    connect(listen("ACQ5", "ACQ5-1", 50, 3), true);
    Poll.until("the other session echoes", () -> info("ACQ5").statistics().echoesAnswered() >= 2);
    assertEquals(0, info("ACQ4").statistics().echoesSent());
    assertTrue(bank.echoes.isEmpty());
  }

  private int listen(String bankId, String sessionId, long echoMillis, int missLimit)
      throws Exception {
    gateway.configure(BankSessionSettings.of(bankId, sessionId, "LISTEN", "127.0.0.1", 0)
        .with("echoIntervalMillis", Long.toString(echoMillis))
        .with("echoMissLimit", Integer.toString(missLimit)));
    return gateway.listeningPort(sessionId).orElseThrow();
  }

  private EchoBank connect(int port, boolean answering) throws Exception {
    EchoBank bank = new EchoBank(port, answering);
    cleanup.add(bank);
    return bank;
  }

  private SessionInfo info(String bankId) {
    return gateway.sessionsOf(bankId).getFirst();
  }
}
