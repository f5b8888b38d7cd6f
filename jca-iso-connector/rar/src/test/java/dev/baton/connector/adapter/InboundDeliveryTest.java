package dev.baton.connector.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.BankSessionSettings;
import dev.baton.connector.api.SessionState;
import dev.baton.connector.api.SessionStatistics;
import dev.baton.connector.registry.BankGateway;
import dev.baton.connector.testkit.BankPeer;
import dev.baton.connector.testkit.ExecutorWorkManager;
import dev.baton.connector.testkit.Poll;
import dev.baton.connector.testkit.RecordingEndpointFactory;
import dev.baton.connector.testkit.TestBootstrapContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound Connectors contract, without a server: a started adapter, a WorkManager of four
 * threads, endpoints as recording proxies, and banks on real loopback sockets.
 */
class InboundDeliveryTest {

  private final ExecutorWorkManager workManager = new ExecutorWorkManager(4);
  private final IsoResourceAdapter adapter = new IsoResourceAdapter();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private BankGateway gateway;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
    adapter.stop();
    workManager.close();
  }

  @Test
  void deliversASessionsMessagesOnOneKeptEndpointEvenWhenTheBeanThrowsDecliningEachAndReleasesItWhenItsFactoryGoes()
      throws Exception {
    start(1000, 5000);
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(failing());
    BankPeer bank = signedOnTo(endpoints);

    bank.send(BankPeer.authorization(1));
    bank.send(BankPeer.authorization(2));
    bank.send(BankPeer.authorization(3));

    Poll.until("three delivery failures counted", () -> stats("ACQ1").deliveryFailures() == 3);
    for (int stan = 1; stan <= 3; stan++) {
      ISOMsg declined = bank.receive();
      assertEquals("0110", declined.getMTI());
      assertEquals("91", declined.getString(39), "a request the endpoint failed on is declined, not dropped");
      assertEquals(String.format("%06d", stan), declined.getString(11));
    }
    Poll.until("three declines counted", () -> stats("ACQ1").declinedUndelivered() == 3);
    String n = messageEndpoint(endpoints);
    List<String> messageCalls = endpoints.calls.stream().filter(call -> call.startsWith(n + " ")).toList();
    // One endpoint for the session's messages, kept although the bean threw; no transacted
    // delivery, so no beforeDelivery/afterDelivery. (Frames the adapter reads together go in one
    // call: how these three arrive is the network's business.)
    assertEquals(n + " create", messageCalls.getFirst());
    assertTrue(messageCalls.stream().skip(1).allMatch(call -> call.startsWith(n + " onMessage")), messageCalls.toString());
    BankMessage delivered = endpoints.messages.getFirst();
    assertEquals("0100", delivered.mti());
    assertEquals("000001", delivered.field(11));
    assertEquals("4111111111111111", delivered.field(2));
    assertEquals("ACQ1-1", delivered.sessionId());
    assertEquals(delivered.receivedAt().plusSeconds(5), delivered.deadline());
    assertEquals("0100", hexMti(delivered.frame()));

    // The application is redeployed: another factory takes the bank, the first goes.
    RecordingEndpointFactory next = new RecordingEndpointFactory();
    activate(next, "ACQ1");
    adapter.endpointDeactivation(endpoints, null);
    bank.send(BankPeer.authorization(4));

    Poll.until("the message on the new factory's endpoint", () -> next.messages.size() == 1);
    assertEquals("000004", next.messages.getFirst().field(11));
    String m = endpointOf(next, "onMessage");
    assertEquals(List.of(m + " create", m + " onMessage"), next.calls.stream().filter(call -> call.startsWith(m + " ")).toList());
    assertEquals(n + " release", endpoints.calls.stream().filter(call -> call.startsWith(n + " ")).toList().getLast(),
        "the endpoint kept from the factory that went is released");
    assertEquals(3, endpoints.messages.size());
  }

  @Test
  void handsFramesReadTogetherToTheEndpointInOneCallInTheirOrderAndAnswersEach() throws Exception {
    start(1000, 5000);
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(answering());
    BankPeer bank = signedOnTo(endpoints);
    // The sign-on's state changes go to the endpoint on a work thread: a burst that came while
    // that delivery ran would queue behind it and be taken as it stood, not read together.
    Poll.until("the sign-on's state changes delivered", workManager::idle);

    bank.sendTogether(IntStream.rangeClosed(1, 5).mapToObj(InboundDeliveryTest::authorization).toArray(ISOMsg[]::new));

    assertEquals(List.of(1, 2, 3, 4, 5), answeredStans(bank, 5));
    String n = messageEndpoint(endpoints);
    assertEquals(List.of(n + " create", n + " onMessages 5"),
        endpoints.calls.stream().filter(call -> call.startsWith(n + " ")).toList(), "one call for the burst");
    assertEquals(List.of("000001", "000002", "000003", "000004", "000005"),
        endpoints.messages.stream().map(message -> message.field(11)).toList());
    Poll.until("5 delivered", () -> stats("ACQ1").delivered() == 5);

    // A frame alone afterwards goes alone, at once.
    bank.send(BankPeer.authorization(6));
    assertEquals(List.of(6), answeredStans(bank, 1));
    assertEquals(n + " onMessage", endpoints.calls.getLast());
  }

  @Test
  void declinesEveryRequestOfABurstWithRc91WhenTheBeanThrowsOnIt() throws Exception {
    start(1000, 5000);
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(failing());
    BankPeer bank = signedOnTo(endpoints);

    bank.sendTogether(authorization(1), authorization(2), authorization(3), authorization(4));

    for (int stan = 1; stan <= 4; stan++) {
      ISOMsg declined = bank.receive();
      assertEquals("0110", declined.getMTI());
      assertEquals("91", declined.getString(39), "each request of the failed burst is declined, none dropped");
      assertEquals(String.format("%06d", stan), declined.getString(11));
    }
    Poll.until("four failures and four declines counted",
        () -> stats("ACQ1").deliveryFailures() == 4 && stats("ACQ1").declinedUndelivered() == 4);
    assertTrue(endpoints.calls.stream().anyMatch(call -> call.endsWith(" onMessages 4")), endpoints.calls.toString());
  }

  @Test
  void givesMessagesToTheDirectHandlerABeanOffersWithNoCallOfTheEndpointPerMessageAndDeclinesWhatItThrowsOn()
      throws Exception {
    start(1000, 5000);
    Bean approving = answering();
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(direct(approving));
    BankPeer bank = signedOnTo(endpoints);

    bank.send(authorization(1));
    assertEquals(List.of(1), answeredStans(bank, 1));
    bank.sendTogether(authorization(2), authorization(3), authorization(4));
    assertEquals(List.of(2, 3, 4), answeredStans(bank, 3));
    bank.send(authorization(99)); // the handler throws on STAN 99
    ISOMsg declined = bank.receive();
    assertEquals("91", declined.getString(39), "a request the direct handler threw on is declined at once");
    assertEquals("000099", declined.getString(11));

    String n = endpointOf(endpoints, "directHandler");
    List<String> calls = endpoints.calls.stream().filter(call -> call.startsWith(n + " ")).toList();
    assertEquals(List.of(n + " create", n + " directHandler"), calls.subList(0, 2),
        "the handler is asked for once, when the endpoint is kept");
    assertTrue(calls.stream().skip(2).allMatch(call -> call.startsWith(n + " direct onMessage")),
        "every message went to the handler, none through the endpoint: " + calls);
    assertEquals(List.of("000001", "000002", "000003", "000004", "000099"),
        endpoints.messages.stream().map(message -> message.field(11)).toList());
    Poll.until("4 delivered, 1 failed and declined", () -> stats("ACQ1").delivered() == 4
        && stats("ACQ1").deliveryFailures() == 1 && stats("ACQ1").declinedUndelivered() == 1);
  }

  @Test
  void deactivationWaitsForADirectHandlerCallUnderWayAndWhatArrivesAfterItWaitsForTheNextEndpoint()
      throws Exception {
    start(1000, 5000);
    java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch letGo = new java.util.concurrent.CountDownLatch(1);
    Bean approving = answering();
    Bean blockingOnce = new Bean() {
      @Override
      public void onMessage(BankMessage message) {
        if (message.field(11).equals("000001")) {
          inHandler.countDown();
          try {
            letGo.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        approving.onMessage(message);
      }
    };
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(direct(blockingOnce));
    BankPeer bank = signedOnTo(endpoints);

    bank.send(authorization(1));
    assertTrue(inHandler.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first message reached the handler");
    Thread deactivating = Thread.ofPlatform().start(() -> adapter.endpointDeactivation(endpoints, null));
    Poll.until("the deactivation waiting", () -> deactivating.getState() == Thread.State.TIMED_WAITING);
    assertTrue(deactivating.isAlive(), "deactivation does not return while the handler's call runs");
    letGo.countDown();
    deactivating.join(10_000);
    assertTrue(!deactivating.isAlive(), "deactivation returned once the call did");
    assertEquals(List.of(1), answeredStans(bank, 1));

    bank.send(authorization(2));
    RecordingEndpointFactory next = new RecordingEndpointFactory(answering());
    activate(next, "ACQ1");
    assertEquals(List.of(2), answeredStans(bank, 1));
    assertEquals(List.of("000002"), next.messages.stream().map(message -> message.field(11)).toList(),
        "the message after the deactivation went to the next endpoint");
    assertEquals(List.of("000001"), endpoints.messages.stream().map(message -> message.field(11)).toList(),
        "the deactivated endpoint's handler saw nothing after it");
  }

  /** A bean that offers a direct handler doing what {@code bean} does, and does nothing itself. */
  private static Bean direct(Bean bean) {
    return new Bean() {
      @Override
      public void onMessage(BankMessage message) {
        throw new AssertionError("a message went through the endpoint, not the direct handler");
      }

      @Override
      public BankMessageHandler directHandler() {
        return new BankMessageHandler() {
          @Override
          public void onMessage(BankMessage message) {
            if (message.field(11).equals("000099")) {
              throw new IllegalStateException("the handler fails");
            }
            bean.onMessage(message);
          }

          @Override
          public void onMessages(List<BankMessage> messages) {
            messages.forEach(this::onMessage);
          }
        };
      }
    };
  }

  private static ISOMsg authorization(int stan) {
    try {
      return BankPeer.authorization(stan);
    } catch (org.jpos.iso.ISOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void keepsEachSessionsOrderWhileSessionsRunInParallel() throws Exception {
    start(1000, 10_000);
    RecordingEndpointFactory endpoints = new RecordingEndpointFactory(answering());
    activate(endpoints, "*");
    BankPeer first = signedOn("ACQ1", "ACQ1-1");
    BankPeer second = signedOn("ACQ2", "ACQ2-1");
    int count = 300;

    for (int stan = 1; stan <= count; stan++) {
      first.send(BankPeer.authorization(stan));
      second.send(BankPeer.authorization(stan));
    }

    assertEquals(IntStream.rangeClosed(1, count).boxed().toList(), answeredStans(first, count));
    assertEquals(IntStream.rangeClosed(1, count).boxed().toList(), answeredStans(second, count));
    for (String session : List.of("ACQ1-1", "ACQ2-1")) {
      List<Integer> order = endpoints.messages.stream()
          .filter(message -> message.sessionId().equals(session))
          .map(message -> Integer.parseInt(message.field(11))).toList();
      assertEquals(IntStream.rangeClosed(1, count).boxed().toList(), order, session);
    }
  }

  @Test
  void buffersWhileNoEndpointIsActiveAndResumesInOrderWhenOneActivates() throws Exception {
    start(1000, 10_000);
    RecordingEndpointFactory before = new RecordingEndpointFactory(answering());
    activate(before, "*");
    BankPeer bank = signedOn("ACQ1", "ACQ1-1");
    adapter.endpointDeactivation(before, null);

    for (int stan = 1; stan <= 20; stan++) {
      bank.send(BankPeer.authorization(stan));
    }
    Poll.until("20 buffered", () -> stats("ACQ1").buffered() == 20);

    RecordingEndpointFactory after = new RecordingEndpointFactory(answering());
    activate(after, "*");

    assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), answeredStans(bank, 20));
    assertEquals(0, before.messages.size());
    // The bank may read the last answer before the endpoint has returned: poll the count.
    Poll.until("20 delivered", () -> stats("ACQ1").delivered() == 20);
    long calls = after.calls.stream().filter(call -> call.contains(" onMessage")).count();
    assertTrue(calls < 20, "what was buffered goes in calls of several messages, not one each: " + after.calls);
    SessionStatistics stats = stats("ACQ1");
    assertEquals(0, stats.buffered());
    assertEquals(0, stats.declinedUndelivered() + stats.lostUndelivered());
  }

  @Test
  void declinesARequestWithRc91WhenNoEndpointTakesItBeforeItsDeadline() throws Exception {
    start(1000, 300);
    BankPeer bank = signedOn("ACQ1", "ACQ1-1");

    long sent = System.nanoTime();
    bank.send(BankPeer.authorization(7));
    ISOMsg declined = bank.receive();

    long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
    assertEquals("0110", declined.getMTI());
    assertEquals("91", declined.getString(39));
    assertEquals("000007", declined.getString(11));
    assertEquals("TERM0001", declined.getString(41));
    assertTrue(waitedMillis >= 250, "declined at the deadline, not before: " + waitedMillis);
    Poll.until("decline counted", () -> stats("ACQ1").declinedUndelivered() == 1);
    assertEquals(0, stats("ACQ1").buffered());
  }

  @Test
  void declinesARequestAndCountsAnAnswerThatFindTheBufferFull() throws Exception {
    start(2, 60_000);
    BankPeer bank = signedOn("ACQ1", "ACQ1-1");

    bank.send(BankPeer.answer(1));
    bank.send(BankPeer.answer(2));
    bank.send(BankPeer.answer(3));
    Poll.until("the third answer counted", () -> stats("ACQ1").lostUndelivered() == 1);
    bank.send(BankPeer.authorization(4));

    ISOMsg declined = bank.receive();
    assertEquals("91", declined.getString(39));
    assertEquals("000004", declined.getString(11));
    // The decline is counted once written: the bank may read it first.
    Poll.until("decline counted", () -> stats("ACQ1").declinedUndelivered() == 1);
    assertEquals(2, stats("ACQ1").buffered());

    RecordingEndpointFactory endpoints = new RecordingEndpointFactory();
    activate(endpoints, "ACQ1");
    Poll.until("buffered answers delivered", () -> endpoints.messages.size() == 2);
    assertEquals(List.of("000001", "000002"),
        endpoints.messages.stream().map(message -> message.field(11)).toList());
  }

  @Test
  void deliversSessionStateChangesInOrderToTheBanksEndpoints() throws Exception {
    start(1000, 5000);
    RecordingEndpointFactory acq1 = new RecordingEndpointFactory();
    RecordingEndpointFactory other = new RecordingEndpointFactory();
    activate(acq1, "ACQ1");
    activate(other, "ISS9");
    BankPeer bank = signedOn("ACQ1", "ACQ1-1");

    bank.close();

    Poll.until("disconnect delivered", () -> acq1.states.size() == 3);
    assertEquals(List.of("ACQ1-1 CONNECTED", "ACQ1-1 SIGNED_ON", "ACQ1-1 DISCONNECTED"),
        acq1.states);
    assertTrue(acq1.calls.contains("1 before onSessionState"));
    assertEquals(List.of(), other.states, "an endpoint for other banks hears nothing");
  }

  private void start(int bufferCapacity, long deadlineMillis) throws Exception {
    adapter.setBufferCapacity(bufferCapacity);
    adapter.setDeliveryDeadlineMillis(deadlineMillis);
    adapter.start(new TestBootstrapContext(workManager));
    gateway = adapter.gateway();
  }

  private void activate(RecordingEndpointFactory endpoints, String banks) throws Exception {
    BankSessionActivationSpec spec = new BankSessionActivationSpec();
    spec.setBanks(banks);
    adapter.endpointActivation(endpoints, spec);
  }

  private BankPeer signedOn(String bankId, String sessionId) throws Exception {
    gateway.configure(BankSessionSettings.of(bankId, sessionId, "LISTEN", "127.0.0.1", 0));
    BankPeer bank = new BankPeer(gateway.listeningPort(sessionId).orElseThrow());
    cleanup.add(bank);
    assertEquals("00", bank.signOn());
    Poll.until(sessionId + " signed on",
        () -> gateway.sessionsOf(bankId).getFirst().state() == SessionState.SIGNED_ON);
    return bank;
  }

  private SessionStatistics stats(String bankId) {
    return gateway.sessionsOf(bankId).getFirst().statistics();
  }

  /** ACQ1's session ACQ1-1 signed on, its messages going to {@code endpoints}. */
  private BankPeer signedOnTo(RecordingEndpointFactory endpoints) throws Exception {
    activate(endpoints, "ACQ1");
    return signedOn("ACQ1", "ACQ1-1");
  }

  /** A bean that throws on every message. */
  private static Bean failing() {
    return new Bean() {
      @Override
      public void onMessage(BankMessage message) {
        throw new IllegalStateException("the bean fails");
      }
    };
  }

  /** A bean that approves every request through the adapter's gateway, as the edge MDB would. */
  private Bean answering() {
    return new Bean() {
      @Override
      public void onMessage(BankMessage message) {
        try {
          gateway.send(message.bankId(), message.sessionId(), message.message()
              .without(2).with(39, "00").withMti(message.message().responseMti()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static List<Integer> answeredStans(BankPeer bank, int count) throws Exception {
    List<Integer> stans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ISOMsg answer = bank.receive();
      assertEquals("00", answer.getString(39));
      stans.add(Integer.parseInt(answer.getString(11)));
    }
    return stans;
  }

  /** The endpoint that got the first message (state changes get endpoints of their own). */
  private static String messageEndpoint(RecordingEndpointFactory endpoints) {
    return endpoints.calls.stream().filter(c -> c.contains(" onMessage")).findFirst().orElseThrow().split(" ")[0];
  }

  private static String endpointOf(RecordingEndpointFactory endpoints, String call) {
    return endpoints.calls.stream().filter(c -> c.endsWith(" " + call)).findFirst().orElseThrow()
        .split(" ")[0];
  }

  /** ISO87B packs the MTI as two BCD bytes at the start of the frame (no header here). */
  private static String hexMti(byte[] frame) {
    return String.format("%02X%02X", frame[0], frame[1]);
  }

  /** A bean that ignores state changes. */
  /** A bean that handles a burst as the edge's does: each message in turn, as if given alone. */
  private abstract static class Bean implements BankSessionListener {
    @Override
    public void onSessionState(String bankId, String sessionId, SessionState state) {}

    @Override
    public void onMessages(List<BankMessage> messages) {
      messages.forEach(this::onMessage);
    }

    @Override
    public BankMessageHandler directHandler() {
      return null;
    }
  }
}
