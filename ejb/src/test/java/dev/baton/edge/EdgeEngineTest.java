package dev.baton.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.IsoMessage;
import dev.baton.link.Frame;
import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.NodeState;
import dev.baton.node.MutableClock;
import dev.baton.routing.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edge's engine between fake bank sessions and fake node links. */
class EdgeEngineTest {

  private final Map<String, NodeId> routes = new HashMap<>(Map.of("ACQ1", NodeId.A, "ISS1", NodeId.A));
  private final Map<NodeId, NodeState> states = new EnumMap<>(Map.of(NodeId.A, NodeState.UP, NodeId.B, NodeState.UP));
  private final Map<NodeId, List<Frame>> sentTo = new EnumMap<>(Map.of(NodeId.A, new ArrayList<>(), NodeId.B, new ArrayList<>()));
  private final List<String> writtenToBanks = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  /** Set when the route table (a cluster cache on the edge) fails to answer. */
  private boolean routesFail;
  /** Runs once, at the next look at a node's state: what another thread did meanwhile. */
  private Runnable atNextStateLook;

  private final EdgeEngine engine =
      new EdgeEngine(
          bank -> {
            if (routesFail) {
              throw new IllegalStateException("the routes cache is not available");
            }
            return Optional.ofNullable(routes.get(bank));
          },
          new NodeLinks() {
            @Override
            public boolean send(NodeId node, Frame frame) {
              return states.get(node) != NodeState.DOWN && sentTo.get(node).add(frame);
            }

            @Override
            public NodeState state(NodeId node) {
              Runnable meanwhile = atNextStateLook;
              atNextStateLook = null;
              if (meanwhile != null) {
                meanwhile.run();
              }
              return states.get(node);
            }
          },
          new BankDoor() {
            @Override
            public String sendPacked(String bankId, String sessionId, byte[] packed) {
              writtenToBanks.add(bankId + " " + new String(packed, java.nio.charset.StandardCharsets.ISO_8859_1));
              return sessionId;
            }

            @Override
            public String send(String bankId, String sessionId, IsoMessage message) {
              writtenToBanks.add(bankId + " " + message.mti() + " 39=" + message.field(39));
              return sessionId;
            }
          },
          clock,
          Duration.ofSeconds(6),
          Duration.ofMinutes(2));

  @Test
  void issuerAnswerForADeadNodeWaitsForFailoverAndThenGoesToTheSurvivor() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000123|RRN1|TERM1", 0, "request".getBytes()));
    assertEquals(List.of("ISS1 request"), writtenToBanks, "node A's request went to the issuer");
    states.put(NodeId.A, NodeState.DOWN);

    engine.fromBank(issuerAnswer("000123"));
    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.B), "no live route for ISS1 yet: the answer waits");

    engine.takeOver(NodeId.B, NodeId.A); // failover
    routes.put("ISS1", NodeId.B);
    engine.tick();

    assertEquals("TAKEOVER", assertInstanceOf(Control.class, sentTo.get(NodeId.B).getFirst()).verb());
    Data forwarded = assertInstanceOf(Data.class, sentTo.get(NodeId.B).get(1));
    assertEquals("ISS1", forwarded.bankId());
    assertEquals(0, engine.counters().issuerAnswersUnrouted());
  }

  @Test
  void issuerAnswerWhoseNodeNeverComesBackIsCountedUnroutedAfterTwoSeconds() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000124|RRN1|TERM1", 0, "request".getBytes()));
    states.put(NodeId.A, NodeState.DOWN);
    states.put(NodeId.B, NodeState.DOWN);
    engine.fromBank(issuerAnswer("000124"));

    clock.advance(Duration.ofMillis(1_999));
    engine.tick();
    assertEquals(0, engine.counters().issuerAnswersUnrouted(), "still waiting");
    clock.advance(Duration.ofMillis(2));
    engine.tick();
    assertEquals(1, engine.counters().issuerAnswersUnrouted());
  }

  @Test
  void takeoverTellsTheSurvivorWhichNodeDied() {
    assertTrue(engine.takeOver(NodeId.B, NodeId.A));
    Control control = assertInstanceOf(Control.class, sentTo.get(NodeId.B).getFirst());
    assertEquals("TAKEOVER", control.verb());
    assertEquals("A", control.attribute("from"));
  }

  @Test
  void requestWhoseRouteCannotBeReadIsDeclinedAtOnceAndNothingIsLeftAwaiting() {
    routesFail = true;
    engine.fromBank(acquirerRequest("000300"));
    assertEquals(List.of("ACQ1 0110 39=91"), writtenToBanks);
    assertEquals(0, engine.awaiting());
    assertEquals(List.of(), sentTo.get(NodeId.A));

    routesFail = false;
    engine.fromBank(acquirerRequest("000301"));
    assertInstanceOf(Data.class, sentTo.get(NodeId.A).getFirst(), "the next one flows once the routes read again");
  }

  @Test
  void requestForADownNodeWaitsForFailoverToTheUpNodeAndIsDeclinedAtOnceWhenNoNodeIsUp() {
    states.put(NodeId.A, NodeState.DOWN);
    engine.fromBank(acquirerRequest("000200"));
    assertEquals(List.of(), writtenToBanks, "node B is UP: failover is coming");
    routes.put("ACQ1", NodeId.B);
    engine.tick();
    Data forwarded = assertInstanceOf(Data.class, sentTo.get(NodeId.B).removeFirst());
    assertEquals("ACQ1", forwarded.bankId());

    engine.fromBank(acquirerRequest("000201"));
    assertInstanceOf(Data.class, sentTo.get(NodeId.B).removeFirst(), "after failover, straight to node B");
    assertEquals(2, engine.awaiting());

    states.put(NodeId.B, NodeState.DOWN);
    engine.fromBank(acquirerRequest("000202"));
    assertEquals(List.of("ACQ1 0110 39=91"), writtenToBanks, "no node UP: declined at once");
  }

  @Test
  void requestWhileItsNodeMissesHeartbeatsWaitsAndGoesToTheSurvivorAfterFailover() {
    states.put(NodeId.A, NodeState.SUSPECT);
    engine.fromBank(acquirerRequest("000300"));
    engine.tick();
    assertEquals(List.of(), writtenToBanks, "neither declined nor sent");
    assertEquals(List.of(), sentTo.get(NodeId.A));

    states.put(NodeId.A, NodeState.DOWN);
    routes.put("ACQ1", NodeId.B); // failover
    engine.tick();

    Data forwarded = assertInstanceOf(Data.class, sentTo.get(NodeId.B).getFirst());
    assertEquals("ACQ1", forwarded.bankId());
    engine.onFrame("B", new Data(forwarded.correlation(), "ACQ1", "ACQ1-1", "", 0, "approval".getBytes()));
    assertEquals(List.of("ACQ1 approval"), writtenToBanks);
    assertEquals(0, engine.awaiting());
    assertEquals(0, engine.counters().declinedNoNode());
  }

  @Test
  void requestHeldUntilItsDeadlineIsDeclinedOnceAndNeverSentAfterwards() {
    states.put(NodeId.A, NodeState.SUSPECT);
    engine.fromBank(acquirerRequest("000301"));

    clock.advance(Duration.ofSeconds(6));
    engine.tick();
    assertEquals(List.of("ACQ1 0110 39=91"), writtenToBanks);

    states.put(NodeId.A, NodeState.UP);
    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.A), "a declined request is not sent late");
    assertEquals(List.of("ACQ1 0110 39=91"), writtenToBanks);
  }

  @Test
  void issuerAnswerWhileItsNodeMissesHeartbeatsWaitsAndGoesToThatNodeWhenItIsBack() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000125|RRN1|TERM1", 0, "request".getBytes()));
    states.put(NodeId.A, NodeState.SUSPECT);
    routes.put("ISS1", NodeId.B); // e.g. moved meanwhile: the answer still belongs to A's context

    engine.fromBank(issuerAnswer("000125"));
    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.A));

    states.put(NodeId.A, NodeState.UP);
    engine.tick();
    assertInstanceOf(Data.class, sentTo.get(NodeId.A).getFirst());
    assertEquals(List.of(), sentTo.get(NodeId.B));
    assertEquals(0, engine.counters().issuerAnswersUnrouted());
  }

  @Test
  void issuerAnswerGivenToANodeThatThenDiesGoesAgainToTheNodeTakingItsContextsOver() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000126|RRN1|TERM1", 0, "request".getBytes()));
    engine.fromBank(issuerAnswer("000126"));
    assertEquals(1, sentTo.get(NodeId.A).size(), "the answer went to node A");

    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "connection reset");
    engine.takeOver(NodeId.B, NodeId.A); // failover
    routes.put("ISS1", NodeId.B);
    engine.tick();

    Data again = assertInstanceOf(Data.class, sentTo.get(NodeId.B).get(1), "behind the TAKEOVER");
    assertEquals("ISS1", again.bankId());
  }

  @Test
  void issuerAnswerOlderThanASecondIsGivenAgainWhileItsAcquirersRequestStillWaits() {
    engine.fromBank(acquirerRequest("000310"));
    issuerAnswersForAcquirersRequest("000130", "000310");
    engine.fromBank(issuerAnswer("000131")); // its request was answered: nothing waits for it
    clock.advance(Duration.ofMillis(3_000)); // node A was seconds behind when it died
    engine.tick();

    nodeADiesAndFailsOverToB();
    List<Data> given = dataSentTo(NodeId.B);
    assertEquals(1, given.size(), "only the answer whose acquirer waits");
    assertEquals("answer", new String(given.getFirst().iso()));
  }

  @Test
  void issuerAnswerOlderThanASecondIsNotGivenAgainWhenNoRequestWaitsForIt() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000127|RRN1|TERM1", 0, "request".getBytes()));
    engine.fromBank(issuerAnswer("000127"));
    clock.advance(Duration.ofMillis(1_001));
    engine.tick();

    nodeADiesAndFailsOverToB();
    assertEquals(List.of(), dataSentTo(NodeId.B));
  }

  @Test
  void anAnswerIsKeptPastTheReplayWindowOnlyWhileItsAcquirersRequestWaits() {
    engine.fromBank(acquirerRequest("000320"));
    Data request = (Data) sentTo.get(NodeId.A).removeFirst();
    issuerAnswersForAcquirersRequest("000140", "000320");
    engine.fromBank(issuerAnswer("000141")); // nothing waits for it
    assertEquals(2, engine.answersKeptForReplay(), "both within the replay window");

    clock.advance(Duration.ofMillis(1_001));
    engine.tick();
    assertEquals(1, engine.answersKeptForReplay(), "only the one whose acquirer waits");

    engine.onFrame("A", new Data(request.correlation(), "ACQ1", "ACQ1-1", "", 0, "approval".getBytes()));
    engine.tick();
    assertEquals(1, engine.answersKeptForReplay(), "checked again a quarter of a second later");
    clock.advance(Duration.ofMillis(250));
    engine.tick();
    assertEquals(0, engine.answersKeptForReplay(), "its acquirer has its answer now");

    nodeADiesAndFailsOverToB();
    assertEquals(List.of(), dataSentTo(NodeId.B), "nothing given again");
  }

  @Test
  void anAnswerWhoseAcquirerStillWaitsIsKeptNoLongerThanTheRequestsBudget() {
    engine.fromBank(acquirerRequest("000321"));
    issuerAnswersForAcquirersRequest("000142", "000321");

    clock.advance(Duration.ofMillis(5_000));
    engine.tick();
    assertEquals(1, engine.answersKeptForReplay(), "its acquirer still waits, within the 6 s budget");
    clock.advance(Duration.ofMillis(1_000));
    engine.tick();
    assertEquals(0, engine.answersKeptForReplay(), "the budget is over (the edge declined the request)");
  }

  @Test
  void issuerAnswerForADeadNodesContextWaitsForTheTakeoverEvenWhenTheIssuersRouteIsOnTheSurvivorAlready() {
    routes.put("ISS1", NodeId.B); // the issuer's home is node B; node A sent it an acquirer's request
    engine.onFrame("A", new Data(0, "ISS1", "", "000133|RRN1|TERM1", 0, "request".getBytes()));
    engine.fromBank(issuerAnswer("000133"));
    assertEquals(1, sentTo.get(NodeId.A).size(), "given to node A, which died before reading it");
    sentTo.get(NodeId.A).clear();
    engine.onFrame("A", new Data(0, "ISS1", "", "000134|RRN1|TERM1", 0, "request".getBytes()));

    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "connection reset");
    engine.fromBank(issuerAnswer("000134")); // comes after the death, before failover told node B
    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.B), "node B has not taken node A's contexts over: neither answer goes yet");

    engine.takeOver(NodeId.B, NodeId.A);
    assertEquals("TAKEOVER", assertInstanceOf(Control.class, sentTo.get(NodeId.B).getFirst()).verb(), "the takeover first");
    assertEquals(2, dataSentTo(NodeId.B).size(), "then both answers, behind it on the link");
    assertEquals(0, engine.counters().issuerAnswersUnrouted());
  }

  @Test
  void aNodeLinkThatGoesDownAsTheEdgeStopsAsksForNoFailoverWhileOneThatFailsDoes() {
    List<NodeId> failovers = new ArrayList<>();
    engine.whenNodeDown(failovers::add);
    states.put(NodeId.B, NodeState.DOWN);
    engine.onState("B", NodeState.UP, NodeState.DOWN, "connection reset");
    assertEquals(List.of(NodeId.B), failovers, "a node lost while the edge runs: its banks move");

    engine.stopping();
    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "link closed");
    assertEquals(List.of(NodeId.B), failovers, "the edge closing its own links moves no bank");
  }

  @Test
  void aNodeThatCameBackAndDiesAgainNeedsATakeoverOfItsOwnBeforeItsAnswersGoElsewhere() {
    routes.put("ISS1", NodeId.B);
    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "connection reset");
    engine.takeOver(NodeId.B, NodeId.A);
    states.put(NodeId.A, NodeState.UP);
    engine.onState("A", NodeState.DOWN, NodeState.UP, "heartbeats answered");
    sentTo.get(NodeId.B).clear();

    engine.onFrame("A", new Data(0, "ISS1", "", "000135|RRN1|TERM1", 0, "request".getBytes()));
    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "connection reset");
    engine.fromBank(issuerAnswer("000135"));
    engine.tick();
    assertEquals(List.of(), dataSentTo(NodeId.B), "the first death's takeover does not count for the second");

    engine.takeOver(NodeId.B, NodeId.A);
    assertEquals(1, dataSentTo(NodeId.B).size());
  }

  /**
   * Node A sends ISS1 the request of acquirer STAN {@code acquirerStan} under issuer STAN {@code
   * issuerStan}, and ISS1 approves it: the answer carries the acquirer's 37 and 41.
   */
  private void issuerAnswersForAcquirersRequest(String issuerStan, String acquirerStan) {
    engine.onFrame("A", new Data(0, "ISS1", "", issuerStan + "|RRN" + acquirerStan + "|TERM1", 0, "request".getBytes()));
    IsoMessage answer = IsoMessage.of("0110").with(11, issuerStan).with(37, "RRN" + acquirerStan).with(39, "00")
        .with(41, "TERM1");
    engine.fromBank(new BankMessage("ISS1", "ISS1-1", answer, "answer".getBytes(), clock.instant(),
        clock.instant().plusSeconds(5)));
  }

  /** Node A dies, the edge hears it, failover has node B take its contexts and ISS1 over. */
  private void nodeADiesAndFailsOverToB() {
    states.put(NodeId.A, NodeState.DOWN);
    engine.onState("A", NodeState.UP, NodeState.DOWN, "connection reset");
    engine.takeOver(NodeId.B, NodeId.A);
    routes.put("ISS1", NodeId.B);
    engine.tick();
  }

  private List<Data> dataSentTo(NodeId node) {
    return sentTo.get(node).stream().filter(Data.class::isInstance).map(Data.class::cast).toList();
  }

  @Test
  void secondAnswerForAnAnsweredRequestIsDroppedButOneForADeclinedRequestIsRefused() {
    engine.fromBank(acquirerRequest("000302"));
    Data first = (Data) sentTo.get(NodeId.A).removeFirst();
    engine.onFrame("A", new Data(first.correlation(), "ACQ1", "ACQ1-1", "", 0, "approval".getBytes()));
    engine.onFrame("B", new Data(first.correlation(), "ACQ1", "ACQ1-1", "", 0, "approval".getBytes()));
    assertEquals(List.of("ACQ1 approval"), writtenToBanks, "answered once");
    assertEquals(List.of(), sentTo.get(NodeId.B), "nothing refused: there is nothing to undo");

    engine.fromBank(acquirerRequest("000303"));
    Data second = (Data) sentTo.get(NodeId.A).removeFirst();
    clock.advance(Duration.ofSeconds(6));
    engine.tick();
    engine.onFrame("A", new Data(second.correlation(), "ACQ1", "ACQ1-1", "", 0, "approval".getBytes()));
    assertInstanceOf(Frame.Refused.class, sentTo.get(NodeId.A).getFirst(), "the node reverses the late approval");
    assertEquals(1, engine.counters().lateAnswersRefused());
  }

  @Test
  void duringAMoveTheBanksRequestsAndTheOldNodesAnswersWaitAndThenFollowTheNewRouteAndOwners() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes()));
    writtenToBanks.clear();
    engine.hold("ACQ1", NodeId.A);
    EdgeEngine.MoveReply export = engine.ask(NodeId.A, new Control("EXPORT", Map.of("move", "m1", "bank", "ACQ1")));
    assertEquals("EXPORT", ((Control) sentTo.get(NodeId.A).removeFirst()).verb());

    engine.fromBank(acquirerRequest("000304"));
    engine.fromBank(issuerAnswer("000128"));
    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.A), "held: neither the request nor the answer reached node A");
    assertEquals(List.of(), writtenToBanks, "and nobody was declined");

    engine.onFrame("A", new Control("EXPORTED", Map.of("move", "m1", "count", "1", "status", "OK")));
    assertEquals("1", export.done().join().attribute("count"));
    EdgeEngine.MoveReply imported = engine.ask(NodeId.B, new Control("IMPORT", Map.of("move", "m1", "from", "A")));
    sentTo.get(NodeId.B).clear();
    engine.onFrame("B", new Control("IMPORT-KEYS", Map.of("move", "m1", "keys", "ISS1|000128")));
    engine.onFrame("B", new Control("IMPORTED", Map.of("move", "m1", "count", "1", "status", "OK")));
    assertEquals("OK", imported.done().join().attribute("status"));

    routes.put("ACQ1", NodeId.B);
    engine.release("ACQ1", NodeId.A);

    assertEquals(List.of(), sentTo.get(NodeId.A));
    assertEquals(2, sentTo.get(NodeId.B).size(), "the request and the answer went to node B");
    assertEquals(0, engine.counters().declinedNoNode());
  }

  @Test
  void issuerAnswerWhoseRequestAMovePointsAtTheNewNodeAfterItsOwnerWasReadGoesToTheNewNode() {
    engine.onFrame("A", new Data(0, "ISS1", "", "000132|RRN1|TERM1", 0, "request".getBytes()));
    sentTo.get(NodeId.A).clear();
    // Between reading the owner (node A) and giving the answer to it, a move hands the context to
    // node B and lets go of node A: node A no longer has it, so the answer must not go there.
    atNextStateLook = () -> engine.reassignOwners(List.of("ISS1|000132"), NodeId.B);

    engine.fromBank(issuerAnswer("000132"));
    assertEquals(List.of(), sentTo.get(NodeId.A), "not to the node that gave the context away");
    assertEquals(List.of(), sentTo.get(NodeId.B), "it waits for the next look at the owners");

    engine.tick();
    assertEquals(List.of(), sentTo.get(NodeId.A));
    assertEquals(1, sentTo.get(NodeId.B).size(), "the answer reached the node that owns its context now");
    assertEquals(0, engine.counters().issuerAnswersUnrouted());
  }

  @Test
  void aHoldWaitsForASendToItsNodeThatHadPassedTheCheckSoTheMovesExportComesBehindIt() throws Exception {
    List<Frame> toA = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch answerSending = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch answerMayArrive = new java.util.concurrent.CountDownLatch(1);
    EdgeEngine edge = new EdgeEngine(bank -> Optional.of(NodeId.A), new NodeLinks() {
      @Override
      public boolean send(NodeId node, Frame frame) {
        if (frame instanceof Data) {
          answerSending.countDown();
          try {
            answerMayArrive.await(5, java.util.concurrent.TimeUnit.SECONDS); // a link slow to take it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return toA.add(frame);
      }

      @Override
      public NodeState state(NodeId node) {
        return NodeState.UP;
      }
    }, new AcceptingBankDoor(), clock, Duration.ofSeconds(6), Duration.ofMinutes(2));
    edge.onFrame("A", new Data(0, "ISS1", "", "000129|RRN1|TERM1", 0, "request".getBytes()));

    Thread answering = Thread.ofPlatform().start(() -> edge.fromBank(issuerAnswer("000129")));
    assertTrue(answerSending.await(5, java.util.concurrent.TimeUnit.SECONDS), "the answer passed the check");
    Thread moving = Thread.ofPlatform().start(() -> {
      edge.hold("ISS1", NodeId.A);
      edge.ask(NodeId.A, new Control("EXPORT", Map.of("move", "m9", "bank", "ISS1")));
    });
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (moving.getState() != Thread.State.WAITING && moving.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // polling, with a deadline, until the move waits for the lock or is done
    }
    answerMayArrive.countDown();
    answering.join(5_000);
    moving.join(5_000);

    assertEquals(2, toA.size());
    assertInstanceOf(Data.class, toA.get(0), "the answer first: node A matches it before it exports");
    assertEquals("EXPORT", assertInstanceOf(Control.class, toA.get(1)).verb());
  }

  @Test
  void theNewNodesImportRepliesAreTakenAheadOfQueuedFramesAndTheOldNodesExportedIsNot() {
    assertTrue(engine.takesAtOnce("B", new Control("IMPORT-KEYS", Map.of("move", "m1", "keys", "ISS1|000128"))));
    assertTrue(engine.takesAtOnce("B", new Control("IMPORTED", Map.of("move", "m1", "count", "1", "status", "OK"))));
    assertFalse(engine.takesAtOnce("A", new Control("EXPORTED", Map.of("move", "m1", "count", "1", "status", "OK"))),
        "behind the issuer requests node A sent before it");
    assertFalse(engine.takesAtOnce("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes())));
  }

  private BankMessage issuerAnswer(String stan) {
    IsoMessage answer = IsoMessage.of("0110").with(11, stan).with(37, "RRN1").with(39, "00").with(41, "TERM1");
    return new BankMessage("ISS1", "ISS1-1", answer, "answer".getBytes(), clock.instant(), clock.instant().plusSeconds(5));
  }

  private BankMessage acquirerRequest(String stan) {
    IsoMessage request =
        IsoMessage.of("0100").with(2, "4000000000000002").with(3, "000000").with(4, "000000001500")
            .with(11, stan).with(37, "RRN" + stan).with(41, "TERM1");
    return new BankMessage("ACQ1", "ACQ1-1", request, "request".getBytes(), clock.instant(), clock.instant().plusSeconds(5));
  }
}
