package dev.baton.connector.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.inbound.DeliveryRules;
import dev.baton.connector.inbound.EndpointActivations;
import dev.baton.connector.inbound.InboundDispatcher;
import dev.baton.connector.testkit.BankPeer;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.Poll;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send path and the session registry below the Connectors layer, over real sockets. */
class BankGatewayTest {

  private final ExecutorWorkManager workManager = new ExecutorWorkManager(2);
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
  void sendsOnTheNamedSessionPackedByItsPackagerWithBinaryFieldsFromHex() throws Exception {
    BankPeer issuer = connect(listen("ISS1", "ISS1-1"), true);
    IsoMessage request = IsoMessage.of("0100").with(2, "4111111111111111").with(3, "000000")
        .with(4, "000000001000").with(11, "000042").with(41, "TERM0001")
        .with(52, "0123456789ABCDEF");

    assertEquals("ISS1-1", gateway.send("ISS1", "ISS1-1", request));

    ISOMsg received = issuer.receive();
    assertEquals("0100", received.getMTI());
    assertEquals("4111111111111111", received.getString(2));
    assertEquals("TERM0001", received.getString(41));
    assertArrayEquals(HexFormat.of().parseHex("0123456789ABCDEF"), received.getBytes(52));
    Poll.until("frame counted", () -> info("ISS1").getFirst().statistics().framesOut() == 2);
  }

  @Test
  void sendsOnASignedOnSessionOfTheBankWhenNoneIsNamed() throws Exception {
    connect(listen("ISS1", "ISS1-1"), false);
    BankPeer signedOn = connect(listen("ISS1", "ISS1-2"), true);

    for (int i = 0; i < 3; i++) {
      assertEquals("ISS1-2", gateway.send("ISS1", null, IsoMessage.of("0100").with(11, "00000" + i)));
      assertEquals("00000" + i, signedOn.receive().getString(11));
    }
  }

  @Test
  void writesAMessagePackedElsewhereAsItIsAndTakesTheBanksSignedOnSessionsInTurn() throws Exception {
    BankPeer first = connect(listen("ISS1", "ISS1-1"), true);
    BankPeer second = connect(listen("ISS1", "ISS1-2"), true);
    ISOMsg request = new ISOMsg("0100");
    request.setPackager(new org.jpos.iso.packager.ISO87BPackager());
    request.set(2, "4111111111111111");
    request.set(11, "000077");
    request.set(41, "TERM0001");
    byte[] packed = request.pack();

    String one = gateway.sendPacked("ISS1", null, packed);
    String other = gateway.sendPacked("ISS1", null, packed);

    assertEquals(java.util.Set.of("ISS1-1", "ISS1-2"), java.util.Set.of(one, other), "both sessions took one");
    for (BankPeer peer : List.of(first, second)) {
      ISOMsg received = peer.receive();
      assertEquals("0100", received.getMTI());
      assertEquals("4111111111111111", received.getString(2));
      assertEquals("000077", received.getString(11));
    }
  }

  @Test
  void writesHeldOnAThreadReachEveryBankInOrderAtTheFlushAndWritesAfterItGoAtOnce() throws Exception {
    BankPeer issuer = connect(listen("ISS1", "ISS1-1"), true);
    BankPeer acquirer = connect(listen("ACQ1", "ACQ1-1"), true);

    dev.baton.connector.session.HeldWrites.hold();
    try {
      gateway.sendPacked("ISS1", null, packed(1));
      gateway.sendPacked("ACQ1", null, packed(2));
      gateway.sendPacked("ISS1", null, packed(3));
    } finally {
      dev.baton.connector.session.HeldWrites.flush();
    }
    assertEquals("000001", issuer.receive().getString(11));
    assertEquals("000003", issuer.receive().getString(11));
    assertEquals("000002", acquirer.receive().getString(11));

    // The hold ended at the flush: without one, this message would wait in the buffer and the
    // bank's read would time out.
    gateway.sendPacked("ISS1", null, packed(4));
    assertEquals("000004", issuer.receive().getString(11));
    Poll.until("every frame counted", () -> info("ISS1").getFirst().statistics().framesOut() == 4);
  }

  private static byte[] packed(int stan) throws Exception {
    ISOMsg message = BankPeer.authorization(stan);
    message.setPackager(new org.jpos.iso.packager.ISO87BPackager());
    return message.pack();
  }

  @Test
  void refusesAPackedMessageForASessionThatIsNotSignedOn() throws Exception {
    connect(listen("ISS1", "ISS1-1"), false);

    BankConnectorException refused = assertThrows(BankConnectorException.class,
        () -> gateway.sendPacked("ISS1", "ISS1-1", new byte[] {1, 2, 3}));
    assertTrue(refused.getMessage().contains("not signed on"), refused.getMessage());
    assertThrows(BankConnectorException.class, () -> gateway.sendPacked("ISS1", null, new byte[] {1}));
    assertThrows(BankConnectorException.class, () -> gateway.sendPacked("NOBANK", null, new byte[] {1}));
  }

  @Test
  void refusesApplicationTrafficBeforeSignOnButSendsNetworkManagement() throws Exception {
    BankPeer bank = connect(listen("ISS1", "ISS1-1"), false);

    BankConnectorException refused = assertThrows(BankConnectorException.class,
        () -> gateway.send("ISS1", "ISS1-1", IsoMessage.of("0100").with(11, "000001")));
    assertTrue(refused.getMessage().contains("CONNECTED"), refused.getMessage());
    assertThrows(BankConnectorException.class,
        () -> gateway.send("ISS1", null, IsoMessage.of("0100")));

    gateway.send("ISS1", "ISS1-1", IsoMessage.of("0800").with(11, "000002").with(70, "301"));
    assertEquals("301", bank.receive().getString(70));
  }

  @Test
  void refusesUnknownSessionsAndAnotherBanksSession() throws Exception {
    connect(listen("ISS1", "ISS1-1"), true);

    assertThrows(BankConnectorException.class,
        () -> gateway.send("ISS1", "ISS1-9", IsoMessage.of("0100")));
    assertThrows(BankConnectorException.class,
        () -> gateway.send("ACQ1", "ISS1-1", IsoMessage.of("0100")));
    assertThrows(BankConnectorException.class,
        () -> gateway.send("ACQ1", null, IsoMessage.of("0100")));
  }

  @Test
  void listsTheBanksSessionsWithStateAddressAndCounters() throws Exception {
    connect(listen("ISS1", "ISS1-1"), true);
    listen("ISS1", "ISS1-2");

    List<SessionInfo> sessions = info("ISS1");

    assertEquals(List.of("ISS1-1", "ISS1-2"), sessions.stream().map(SessionInfo::sessionId).toList());
    SessionInfo connected = sessions.get(0);
    assertEquals(SessionState.SIGNED_ON, connected.state());
    assertTrue(connected.remoteAddress().startsWith("127.0.0.1:"), connected.remoteAddress());
    assertNotNull(connected.connectedSince());
    assertEquals(1, connected.statistics().connections());
    assertEquals(1, connected.statistics().framesIn());
    SessionInfo idle = sessions.get(1);
    assertEquals(SessionState.DISCONNECTED, idle.state());
    assertEquals(null, idle.remoteAddress());
    assertEquals(List.of(), info("NOBANK"));
  }

  @Test
  void leavesASessionGivenTheSameSettingsAloneAndReplacesAChangedOneOnItsNewPort()
      throws Exception {
    int firstPort = freePort();
    BankSessionSettings settings =
        BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", firstPort);
    assertEquals(BankSessionRegistry.Change.ADDED, gateway.configure(settings));
    BankPeer bank = connect(firstPort, true);

    assertEquals(BankSessionRegistry.Change.UNCHANGED, gateway.configure(settings));
    gateway.send("ISS1", "ISS1-1", IsoMessage.of("0100").with(11, "000001"));
    assertEquals("000001", bank.receive().getString(11), "the connection survived");

    int secondPort = freePort();
    assertEquals(BankSessionRegistry.Change.REPLACED, gateway.configure(
        BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", secondPort)));

    Poll.until("old connection closed", () -> !stillOpen(bank));
    assertEquals(secondPort, gateway.listeningPort("ISS1-1").orElseThrow());
    connect(secondPort, true);
    gateway.send("ISS1", "ISS1-1", IsoMessage.of("0100").with(11, "000002"));
  }

  @Test
  void removesASessionAndClosesItsConnection() throws Exception {
    BankPeer bank = connect(listen("ISS1", "ISS1-1"), true);

    assertTrue(gateway.remove("ISS1-1"));

    Poll.until("connection closed", () -> !stillOpen(bank));
    assertFalse(gateway.remove("ISS1-1"));
    assertEquals(List.of(), info("ISS1"));
  }

  @Test
  void refusesSettingsItCannotRunAndSaysWhy() {
    BankSessionSettings typo = BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", 0)
        .with("framming", "ascii4");
    BankConnectorException refused =
        assertThrows(BankConnectorException.class, () -> gateway.configure(typo));
    assertTrue(refused.getMessage().contains("framming"), refused.getMessage());
    assertThrows(BankConnectorException.class, () -> gateway.configure(
        BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", 0).with("packager", "X")));
    assertEquals(List.of(), info("ISS1"));
  }

  @Test
  void aSessionReplacedBySettingsThatCannotListenIsNoLongerListedOrUsed() throws Exception {
    listen("ISS1", "ISS1-1");
    assertEquals(1, info("ISS1").size());
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThrows(BankConnectorException.class, () -> gateway.configure(
          BankSessionSettings.of("ISS1", "ISS1-1", "LISTEN", "127.0.0.1", taken.getLocalPort())));
    }

    assertEquals(List.of(), info("ISS1"), "the old session stopped and the new one never ran");
    BankConnectorException none = assertThrows(BankConnectorException.class,
        () -> gateway.sendPacked("ISS1", null, new byte[] {1}));
    assertTrue(none.getMessage().contains("no signed-on session"), none.getMessage());
  }

  private int listen(String bankId, String sessionId) throws Exception {
    gateway.configure(BankSessionSettings.of(bankId, sessionId, "LISTEN", "127.0.0.1", 0));
    return gateway.listeningPort(sessionId).orElseThrow();
  }

  private BankPeer connect(int port, boolean signOn) throws Exception {
    BankPeer bank = new BankPeer(port);
    cleanup.add(bank);
    if (signOn) {
      assertEquals("00", bank.signOn());
    } else {
      // Nothing to answer before sign-on: wait until the adapter has taken the connection.
      String peer = "127.0.0.1:" + bank.localPort();
      Poll.until("connection accepted", () -> registry.endpoints().stream()
          .anyMatch(endpoint -> endpoint.session().filter(s -> s.peer().equals(peer)).isPresent()));
    }
    return bank;
  }

  private List<SessionInfo> info(String bankId) {
    return gateway.sessionsOf(bankId);
  }

  /** Whether the adapter still holds the bank's connection: a closed one ends the read. */
  private static boolean stillOpen(BankPeer bank) {
    try {
      bank.receive();
      return true;
    } catch (Exception ended) {
      return false;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
