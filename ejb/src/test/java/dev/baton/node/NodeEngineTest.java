package dev.baton.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.link.Frame;
import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Refused;
import dev.baton.processing.bin.BinTable;
import dev.baton.processing.correction.Direction;
import dev.baton.processing.correction.FieldCorrectionRule;
import dev.baton.processing.correction.FieldCorrections;
import dev.baton.routing.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's engine between DATA frames from the edge and DATA frames back, packed with ISO87B. */
class NodeEngineTest {

  private static final ISO87BPackager PACKAGER = new ISO87BPackager();

  private final List<Frame> toEdge = java.util.Collections.synchronizedList(new ArrayList<>());
  private final MutableClock clock = new MutableClock();
  private boolean edgeTakes = true;
  private NodeEngine engine;

  @BeforeEach
  void startNodeA() {
    engine =
        new NodeEngine(
            NodeId.A,
            frame -> edgeTakes && toEdge.add(frame),
            clock,
            new NodeEngine.Timing(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1)));
    Map<String, BankProfile> profiles = Map.of(
        "ACQ1", BankProfile.of("ACQ1", "ISO87B", "binary2"),
        "ISS1", BankProfile.of("ISS1", "ISO87B", "binary2"));
    engine.configure(new NodeConfiguration(BinTable.of(Map.of("4", "ISS1")), profiles,
        FieldCorrections.builder()
            .add("ACQ1", Direction.INBOUND, new FieldCorrectionRule.SetField(49, "978"))
            .build()));
    engine.onFrame(new Control("SESSION", Map.of("bank", "ISS1", "session", "ISS1-1", "state", "SIGNED_ON")));
  }

  @Test
  void requestGoesToTheIssuerUnderANodeAStanAndTheApprovalBackWithTheEdgesCorrelation() throws Exception {
    engine.onFrame(fromBank(41, "ACQ1", "ACQ1-1", request("000777")));

    Data forward = (Data) toEdge.removeFirst();
    assertEquals(0, forward.correlation());
    assertEquals("ISS1", forward.bankId());
    assertEquals("", forward.sessionId(), "any signed-on session of the issuer");
    ISOMsg atIssuer = unpack(forward.iso());
    assertTrue(Integer.parseInt(atIssuer.getString(11)) < 500_000);
    assertEquals(atIssuer.getString(11) + "|RRN000777000|TERM0001", forward.key());
    assertEquals("978", atIssuer.getString(49), "the inbound correction of ACQ1 applied");

    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));

    Data answer = (Data) toEdge.removeFirst();
    assertEquals(41, answer.correlation());
    assertEquals("ACQ1", answer.bankId());
    assertEquals("ACQ1-1", answer.sessionId());
    ISOMsg atAcquirer = unpack(answer.iso());
    assertEquals("0110", atAcquirer.getMTI());
    assertEquals("000777", atAcquirer.getString(11));
    assertEquals("00", atAcquirer.getString(39));
    assertEquals(0, engine.inFlight());
  }

  @Test
  void eachTerminalsLastAnswerIsKeptOnceUntilWrittenAndAnAnswerTheEdgeDidNotTakeIsNot() throws Exception {
    engine.onFrame(fromBank(51, "ACQ1", "ACQ1-1", request("000791")));
    ISOMsg first = unpack(((Data) toEdge.removeFirst()).iso());
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(first, "05")));
    toEdge.clear();
    clock.advance(Duration.ofMillis(10));
    engine.onFrame(fromBank(52, "ACQ1", "ACQ1-1", request("000792")));
    ISOMsg second = unpack(((Data) toEdge.removeFirst()).iso());
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(second, "00")));
    toEdge.clear();

    List<LastAuthorizations.Answer> written = engine.lastAuthorizations().drain();
    assertEquals(1, written.size(), "one row per terminal: " + written);
    assertEquals("TERM0001", written.getFirst().terminalId());
    assertEquals("0110", written.getFirst().mti());
    assertEquals("00", written.getFirst().responseCode(), "the newer answer replaced the older");
    assertEquals(List.of(), engine.lastAuthorizations().drain(), "taken once");

    engine.onFrame(fromBank(53, "ACQ1", "ACQ1-1", request("000793")));
    ISOMsg third = unpack(((Data) toEdge.removeFirst()).iso());
    edgeTakes = false;
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(third, "00")));
    assertEquals(0, engine.lastAuthorizations().pending(), "not sent to the acquirer, not carried");
  }

  @Test
  void issuerRequestTheEdgeCouldNotWriteIsAnsweredRc91() throws Exception {
    engine.onFrame(fromBank(42, "ACQ1", "ACQ1-1", request("000778")));
    Data forward = (Data) toEdge.removeFirst();

    engine.onFrame(new Refused(0, "ISS1", forward.key(), "bank ISS1 has no signed-on session"));

    Data answer = (Data) toEdge.removeFirst();
    assertEquals(42, answer.correlation());
    assertEquals("91", unpack(answer.iso()).getString(39));
    assertEquals(0, engine.inFlight());
  }

  @Test
  void approvalTheEdgeRefusedAsTooLateIsReversedToTheIssuer() throws Exception {
    engine.onFrame(fromBank(43, "ACQ1", "ACQ1-1", request("000779")));
    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    Data answer = (Data) toEdge.removeFirst();

    engine.onFrame(new Refused(answer.correlation(), "ACQ1", "", "declined by the edge at its deadline"));

    Data advice = (Data) toEdge.removeFirst();
    assertEquals("ISS1", advice.bankId());
    ISOMsg reversal = unpack(advice.iso());
    assertEquals("0420", reversal.getMTI());
    assertTrue(reversal.getString(90).startsWith("0100" + atIssuer.getString(11)));
  }

  @Test
  void issuerThatIsNotSignedOnAtTheEdgeIsDeclinedRc91AtOnce() throws Exception {
    engine.onFrame(new Control("SESSION", Map.of("bank", "ISS1", "session", "ISS1-1", "state", "CONNECTED")));

    engine.onFrame(fromBank(44, "ACQ1", "ACQ1-1", request("000780")));

    Data answer = (Data) toEdge.removeFirst();
    assertEquals(44, answer.correlation());
    assertEquals("91", unpack(answer.iso()).getString(39));
  }

  @Test
  void deadlinePassingAnswersRc91AndAMessageFromAnUnknownBankIsDropped() throws Exception {
    engine.onFrame(fromBank(45, "ACQ1", "ACQ1-1", request("000781")));
    toEdge.clear();
    clock.advance(Duration.ofSeconds(5));

    engine.tick();

    Data answer = assertInstanceOf(Data.class, toEdge.removeFirst());
    assertEquals(45, answer.correlation());
    assertEquals("91", unpack(answer.iso()).getString(39));

    engine.onFrame(fromBank(46, "NOBANK", "X-1", request("000782")));
    assertEquals(List.of(), toEdge);
    assertEquals(1, engine.counters()[3], "counted as unreadable");
  }

  @Test
  void withSyncReplicationNodeBTakesOverNodeAsContextsAndAnswersTheAcquirerWhenTheIssuerAnswers()
      throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.onFrame(fromBank(47, "ACQ1", "ACQ1-1", request("000783")));
    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());
    assertEquals(1, batchesOf(cluster, "A"), "the context is in the cluster as soon as it is in flight, as node A's");

    // Node A dies here; node B, configured alike, takes its contexts over.
    List<Frame> fromB = new ArrayList<>();
    NodeEngine nodeB = new NodeEngine(NodeId.B, fromB::add, clock,
        new NodeEngine.Timing(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1)));
    nodeB.configure(new NodeConfiguration(BinTable.of(Map.of("4", "ISS1")), Map.of(
        "ACQ1", BankProfile.of("ACQ1", "ISO87B", "binary2"),
        "ISS1", BankProfile.of("ISS1", "ISO87B", "binary2")), FieldCorrections.builder().build()));
    nodeB.inFlightStore(new MapStore(cluster), true);
    nodeB.onFrame(new Control("TAKEOVER", Map.of("from", "A")));

    assertEquals(1, nodeB.inFlight());
    assertEquals(1, nodeB.takenOver());
    assertFalse(cluster.keySet().stream().anyMatch(key -> key.startsWith("ctx|A|")), "node A's entries gone");
    assertEquals(1, batchesOf(cluster, "B"), "owned by node B now");

    nodeB.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    Data answer = (Data) fromB.removeFirst();
    assertEquals(47, answer.correlation(), "the edge's correlation survived the takeover");
    assertEquals("ACQ1-1", answer.sessionId());
    assertEquals("00", unpack(answer.iso()).getString(39));
    assertEquals(0, nodeB.inFlight());
    assertEquals(1, batchesOf(cluster, "B"), "kept a moment, in case the answer dies with the node");
    clock.advance(Duration.ofMillis(1_500));
    nodeB.tick();
    assertEquals(0, batchesOf(cluster, "B"), "the answered context left the cluster after that");
  }

  @Test
  void aTakeoverAsideLetsNewRequestsThroughAndAnswersTheDeadNodesContextsOnceItHasImportedThem() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.onFrame(fromBank(48, "ACQ1", "ACQ1-1", request("000784")));
    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());

    List<Frame> fromB = new ArrayList<>();
    NodeEngine nodeB = nodeB(fromB, new MapStore(cluster));
    nodeB.inFlightStore(new MapStore(cluster), true);
    List<Runnable> runner = new ArrayList<>();
    List<Frame> redelivered = new ArrayList<>();
    nodeB.takeOverAside(runner::add, redelivered::add);
    nodeB.onFrame(new Control("SESSION", Map.of("bank", "ISS1", "session", "ISS1-1", "state", "SIGNED_ON")));

    nodeB.onFrame(new Control("TAKEOVER", Map.of("from", "A")));
    assertEquals(1, runner.size(), "the takeover runs aside");
    nodeB.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    assertEquals(List.of(), fromB, "the answer to node A's context waits for the takeover, not discarded");
    nodeB.onFrame(fromBank(49, "ACQ1", "ACQ1-1", request("000785")));
    Data forwarded = assertInstanceOf(Data.class, fromB.removeFirst());
    assertEquals("ISS1", forwarded.bankId(), "a new request goes to its issuer while the takeover runs");

    runner.removeFirst().run();
    assertEquals(1, nodeB.takenOver());
    assertEquals(1, redelivered.size(), "the answer set aside goes back to the link's queue");
    nodeB.onFrame(redelivered.removeFirst());
    Data answer = assertInstanceOf(Data.class, fromB.removeFirst());
    assertEquals(48, answer.correlation());
    assertEquals("00", unpack(answer.iso()).getString(39));

    nodeB.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    assertEquals(List.of(), fromB, "after the takeover an answer matching nothing is discarded, not set aside");
    assertEquals(List.of(), redelivered);
  }

  @Test
  void withSyncReplicationARequestTheClusterDoesNotConfirmInTimeLeavesAllTheSameAndIsCounted() throws Exception {
    engine.inFlightStore(silentCluster(), true);
    engine.replicationWait(Duration.ofMillis(30));
    List<Frame> sent = java.util.Collections.synchronizedList(toEdge);

    engine.onFrame(fromBank(63, "ACQ1", "ACQ1-1", request("000803")));

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sent.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // polling for the timer's thread, with a deadline
    }
    assertEquals("ISS1", assertInstanceOf(Data.class, sent.getFirst()).bankId());
    assertEquals(1, engine.unconfirmedForwards());
  }

  @Test
  void rightAfterATakeoverARequestDoesNotWaitForItsReplicaAtAll() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.takeOver(NodeId.B); // node B died: until the cluster excludes it, writes would wait
    engine.inFlightStore(silentCluster(), true);
    engine.replicationWait(Duration.ofMinutes(1));

    engine.onFrame(fromBank(64, "ACQ1", "ACQ1-1", request("000804")));

    long deadline = System.nanoTime() + 5_000_000_000L;
    List<Frame> sent = java.util.Collections.synchronizedList(toEdge);
    while (sent.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // polling for the timer's thread, with a deadline
    }
    assertEquals("ISS1", assertInstanceOf(Data.class, sent.getFirst()).bankId(), "sent within seconds, not a minute");
  }

  @Test
  void plannedMoveExportsTheBanksContextsThroughTheClusterAndTheNewNodeAnswersThem() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    engine.onFrame(fromBank(61, "ACQ1", "ACQ1-1", request("000801")));
    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());
    String deadline = Long.toString(clock.millis() + 1_000);

    engine.onFrame(new Control("EXPORT", Map.of("move", "m1", "bank", "ACQ1", "deadline", deadline)));

    assertEquals(0, engine.inFlight(), "node A no longer holds it");
    Control exported = assertInstanceOf(Control.class, toEdge.removeFirst());
    assertEquals(List.of("EXPORTING", "1", "OK", "ACQ1=1"), List.of(exported.verb(), exported.attribute("count"),
        exported.attribute("status"), exported.attribute("banks")));

    List<Frame> toEdgeFromB = new ArrayList<>();
    NodeEngine nodeB = nodeB(toEdgeFromB, new MapStore(cluster));
    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m1", "from", "A", "deadline", deadline, "await", "true")));

    Control keys = assertInstanceOf(Control.class, toEdgeFromB.removeFirst());
    assertEquals("IMPORT-KEYS", keys.verb());
    assertEquals("ISS1|" + atIssuer.getString(11), keys.attribute("keys"), "their answers are to come to node B");
    Control imported = assertInstanceOf(Control.class, toEdgeFromB.removeFirst());
    assertEquals(List.of("IMPORTED", "1", "OK"), List.of(imported.verb(), imported.attribute("count"), imported.attribute("status")));
    assertEquals(Map.of("move|m1", NodeEngine.takenBy(NodeId.B)), cluster, "claimed in the cluster by its new owner");
    assertEquals(1, nodeB.inFlight());

    nodeB.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    Data answer = assertInstanceOf(Data.class, toEdgeFromB.removeFirst());
    assertEquals(61, answer.correlation(), "the edge's correlation travelled with the context");
    assertEquals("00", unpack(answer.iso()).getString(39));
  }

  @Test
  void aMovesContextsTravelAsOneClusterEntryThatTheImportTakesWithoutReadingTheWholeCache() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    engine.onFrame(fromBank(63, "ACQ1", "ACQ1-1", request("000803")));
    engine.onFrame(fromBank(64, "ACQ1", "ACQ1-1", request("000804")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 1_000);
    engine.onFrame(new Control("EXPORT", Map.of("move", "m4", "bank", "ACQ1", "deadline", deadline)));
    assertEquals("2", ((Control) toEdge.removeFirst()).attribute("count"));
    assertEquals(java.util.Set.of("move|m4"), cluster.keySet(), "one entry for the move");
    cluster.put("unrelated", "another node's context");

    List<Frame> toEdgeFromB = new ArrayList<>();
    MapStore noScans = new MapStore(cluster) {
      @Override
      public Map<String, String> getAll(java.util.Set<String> keys) {
        throw new AssertionError("an import reads nothing but its own entry");
      }
    };
    NodeEngine nodeB = nodeB(toEdgeFromB, noScans);
    Control importing = new Control("IMPORT", Map.of("move", "m4", "from", "A", "deadline", deadline, "count", "2"));
    assertTrue(NodeEngine.takesAtOnce(importing), "the link hands it over ahead of queued traffic");
    assertFalse(NodeEngine.takesAtOnce(new Control("EXPORT", Map.of("move", "m4", "bank", "ACQ1", "deadline", deadline))),
        "an export comes after the answers queued before it");
    nodeB.onFrame(importing);

    Control keys = (Control) toEdgeFromB.removeFirst();
    assertEquals("IMPORT-KEYS", keys.verb());
    assertEquals(2, keys.attribute("keys").split(",").length);
    Control imported = (Control) toEdgeFromB.removeFirst();
    assertEquals(List.of("IMPORTED", "2", "OK"), List.of(imported.verb(), imported.attribute("count"), imported.attribute("status")));
    assertEquals(2, nodeB.inFlight());
    assertEquals(Map.of("unrelated", "another node's context", "move|m4", NodeEngine.takenBy(NodeId.B)), cluster);

    engine.onFrame(new Control("IMPORT", Map.of("move", "m4", "from", "A", "deadline", deadline)));
    Control again = (Control) toEdge.removeFirst();
    assertEquals(List.of("IMPORTED", "0", "OK"), List.of(again.verb(), again.attribute("count"), again.attribute("status")),
        "taken by one node only");
  }

  @Test
  void aMovesEntryGoesUnderAKeyTheImportingNodeOwnsFirstAndThatNodeClaimsItThereWithoutBeingToldTheKey() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster) {
      @Override
      public boolean ownsFirst(String key) {
        return !key.equals("move|m6|2"); // as the cluster's hash would have it: B is first owner of this one only
      }
    }, false);
    engine.onFrame(fromBank(66, "ACQ1", "ACQ1-1", request("000806")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 1_000);
    engine.onFrame(new Control("EXPORT", Map.of("move", "m6", "bank", "ACQ1", "deadline", deadline)));
    Control exported = (Control) toEdge.removeFirst();
    assertEquals("move|m6|2", exported.attribute("key"));
    assertEquals(java.util.Set.of("move|m6|2"), cluster.keySet());

    List<String> claimed = new ArrayList<>();
    List<Frame> toEdgeFromB = new ArrayList<>();
    NodeEngine nodeB = nodeB(toEdgeFromB, new MapStore(cluster) {
      @Override
      public boolean ownsFirst(String key) {
        return key.equals("move|m6|2") || key.equals("move|m7|2");
      }

      @Override
      public java.util.concurrent.CompletionStage<Boolean> claimIf(String key, String expected, String marker, long lifespanMillis) {
        claimed.add(key);
        return super.claimIf(key, expected, marker, lifespanMillis);
      }

      @Override
      public java.util.concurrent.CompletionStage<String> claim(String key, String marker, long lifespanMillis) {
        claimed.add(key);
        return super.claim(key, marker, lifespanMillis);
      }
    });
    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m6", "from", "A", "deadline", deadline, "await", "true")));
    assertEquals("IMPORT-KEYS", ((Control) toEdgeFromB.removeFirst()).verb());
    Control imported = (Control) toEdgeFromB.removeFirst();
    assertEquals(List.of("IMPORTED", "1", "OK"), List.of(imported.verb(), imported.attribute("count"), imported.attribute("status")));
    assertEquals(List.of("move|m6|2"), claimed, "the key node A wrote, found by node B on its own");
    assertEquals(Map.of("move|m6|2", NodeEngine.takenBy(NodeId.B)), cluster);

    cluster.put("ctx|A|1", "node A's replicas");
    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m7", "from", "A", "deadline", deadline, "count", "1",
        "key", "ctx|A|1")));
    Control refused = (Control) toEdgeFromB.removeFirst();
    assertEquals(List.of("IMPORTED", "0"), List.of(refused.verb(), refused.attribute("count")));
    assertEquals(List.of("move|m6|2", "move|m7|2"), claimed, "a key that is not the move's is not taken");
    assertEquals("node A's replicas", cluster.get("ctx|A|1"));
  }

  @Test
  void aNodeToldToImportBeforeTheEntryIsWrittenClaimsItOnceTheClusterHasIt() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    engine.onFrame(fromBank(67, "ACQ1", "ACQ1-1", request("000807")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 60_000);
    List<Frame> toEdgeFromB = java.util.Collections.synchronizedList(new ArrayList<>());
    NodeEngine nodeB = nodeB(toEdgeFromB, new MapStore(cluster));

    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m8", "from", "A", "deadline", deadline, "await", "true")));
    assertEquals(List.of(), toEdgeFromB, "nothing to take yet: it looks again");
    engine.onFrame(new Control("EXPORT", Map.of("move", "m8", "bank", "ACQ1", "deadline", deadline)));

    Control imported = awaitControl(toEdgeFromB, "IMPORTED");
    assertEquals(List.of("1", "OK"), List.of(imported.attribute("count"), imported.attribute("status")));
    assertEquals(1, nodeB.inFlight());
    assertEquals(0, engine.inFlight());
    assertEquals(Map.of("move|m8", NodeEngine.takenBy(NodeId.B)), cluster);
  }

  /**
   * A store whose writes node A never hears confirmed before {@code confirmation} completes;
   * {@code reaches} says whether they land in {@code cluster} all the same.
   */
  private static MapStore unconfirmedWrites(Map<String, String> cluster, boolean reaches,
      java.util.concurrent.CompletableFuture<String> confirmation) {
    return new MapStore(cluster) {
      @Override
      public java.util.concurrent.CompletionStage<String> putIfAbsent(String key, String value) {
        if (reaches) {
          super.putIfAbsent(key, value);
        }
        return confirmation;
      }
    };
  }

  @Test
  void anExportTheClusterDidNotConfirmComesBackUnlessTheNewNodeHadClaimedIt() throws Exception {
    // The write reached the cluster, but its confirmation never came back to node A.
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CompletableFuture<String> unconfirmed = new java.util.concurrent.CompletableFuture<>();
    engine.inFlightStore(unconfirmedWrites(cluster, true, unconfirmed), false);
    engine.onFrame(fromBank(68, "ACQ1", "ACQ1-1", request("000808")));
    engine.onFrame(fromBank(69, "ACQ1", "ACQ1-1", request("000809")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 60_000);
    engine.onFrame(new Control("EXPORT", Map.of("move", "m9", "bank", "ACQ1", "deadline", deadline)));
    assertEquals("EXPORTING", ((Control) toEdge.removeFirst()).verb());
    List<Frame> toEdgeFromB = java.util.Collections.synchronizedList(new ArrayList<>());
    NodeEngine nodeB = nodeB(toEdgeFromB, new MapStore(cluster));
    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m9", "from", "A", "deadline", deadline, "await", "true")));
    assertEquals("OK", awaitControl(toEdgeFromB, "IMPORTED").attribute("status"));

    unconfirmed.completeExceptionally(new java.util.concurrent.TimeoutException("no answer from the other member"));

    Control failed = awaitControl(toEdge, "EXPORTED");
    assertEquals(List.of("0", "FAILED"), List.of(failed.attribute("count"), failed.attribute("status")));
    assertEquals(0, engine.inFlight(), "node B has them: node A does not take them back as well");
    assertEquals(2, nodeB.inFlight());
  }

  @Test
  void anExportTheClusterDidNotConfirmComesBackAndTheNewNodeThenFindsThemTaken() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CompletableFuture<String> unconfirmed = new java.util.concurrent.CompletableFuture<>();
    engine.inFlightStore(unconfirmedWrites(cluster, false, unconfirmed), false); // nothing reached the cluster
    engine.onFrame(fromBank(70, "ACQ1", "ACQ1-1", request("000810")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 60_000);
    engine.onFrame(new Control("EXPORT", Map.of("move", "m10", "bank", "ACQ1", "deadline", deadline)));
    List<Frame> toEdgeFromB = java.util.Collections.synchronizedList(new ArrayList<>());
    NodeEngine nodeB = nodeB(toEdgeFromB, new MapStore(cluster));
    nodeB.onFrame(new Control("IMPORT", Map.of("move", "m10", "from", "A", "deadline", deadline, "await", "true")));

    unconfirmed.completeExceptionally(new java.util.concurrent.TimeoutException("no answer from the other member"));

    Control failed = awaitControl(toEdge, "EXPORTED");
    assertEquals(List.of("1", "FAILED"), List.of(failed.attribute("count"), failed.attribute("status")));
    assertEquals(1, engine.inFlight(), "back in node A's book");
    Control imported = awaitControl(toEdgeFromB, "IMPORTED");
    assertEquals(List.of("0", "TAKEN"), List.of(imported.attribute("count"), imported.attribute("status")));
    assertEquals(0, nodeB.inFlight());
    assertEquals(Map.of("move|m10", NodeEngine.takenBy(NodeId.A)), cluster, "claimed back: a write arriving later finds the claim");
  }

  @Test
  void aWriteThatReachesTheClusterAfterTheOldNodeClaimedItBackIsNotWrittenAndTheContextsStay() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.CompletableFuture<Void> slow = new java.util.concurrent.CompletableFuture<>();
    engine.inFlightStore(new MapStore(cluster) {
      @Override
      public java.util.concurrent.CompletionStage<String> putIfAbsent(String key, String value) {
        return slow.thenCompose(late -> super.putIfAbsent(key, value));
      }
    }, false);
    engine.onFrame(fromBank(71, "ACQ1", "ACQ1-1", request("000811")));
    toEdge.clear();
    String deadline = Long.toString(clock.millis() + 60_000);
    engine.onFrame(new Control("EXPORT", Map.of("move", "m11", "bank", "ACQ1", "deadline", deadline)));
    toEdge.clear();

    // The edge gave up on node B and rolls back before node A's write reached the cluster.
    engine.onFrame(new Control("IMPORT", Map.of("move", "m11", "from", "A", "deadline", deadline, "count", "1")));
    Control back = awaitControl(toEdge, "IMPORTED");
    assertEquals("0", back.attribute("count"), "nothing in the cluster yet");
    slow.complete(null);

    Control failed = awaitControl(toEdge, "EXPORTED");
    assertEquals(List.of("1", "FAILED"), List.of(failed.attribute("count"), failed.attribute("status")));
    assertEquals(1, engine.inFlight(), "node A kept it");
    assertEquals(Map.of("move|m11", NodeEngine.takenBy(NodeId.A)), cluster, "the late write found the claim and wrote nothing");
  }

  /** The first control {@code verb} sent to the edge, waited for (the cluster answers on other threads); it is taken from the list. */
  private static Control awaitControl(List<Frame> sent, String verb) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      synchronized (sent) {
        for (java.util.Iterator<Frame> frames = sent.iterator(); frames.hasNext(); ) {
          if (frames.next() instanceof Control control && verb.equals(control.verb())) {
            frames.remove();
            return control;
          }
        }
      }
      Thread.onSpinWait(); // polling for the cluster's threads, with a deadline
    }
    throw new AssertionError("no " + verb + " within 5 s: " + sent);
  }

  @Test
  void aMoveWithNothingInFlightWritesNothingToTheClusterAndItsImportAsksTheClusterNothing() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    String deadline = Long.toString(clock.millis() + 1_000);

    engine.onFrame(new Control("EXPORT", Map.of("move", "m5", "bank", "ACQ2", "deadline", deadline)));
    Control exported = (Control) toEdge.removeFirst();
    assertEquals(List.of("EXPORTED", "0", "OK"), List.of(exported.verb(), exported.attribute("count"), exported.attribute("status")));
    assertEquals(Map.of(), cluster, "no empty entry written");

    List<Frame> toEdgeFromB = new ArrayList<>();
    MapStore noTakes = new MapStore(cluster) {
      @Override
      public java.util.concurrent.CompletionStage<String> take(String key) {
        throw new AssertionError("an import of nothing asks the cluster nothing");
      }
    };
    nodeB(toEdgeFromB, noTakes)
        .onFrame(new Control("IMPORT", Map.of("move", "m5", "from", "A", "deadline", deadline, "count", "0")));
    Control imported = (Control) toEdgeFromB.removeFirst();
    assertEquals(List.of("IMPORTED", "0", "OK"), List.of(imported.verb(), imported.attribute("count"), imported.attribute("status")));
  }

  @Test
  void exportOrImportArrivingAfterTheMovesDeadlineMovesNothing() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    engine.onFrame(fromBank(62, "ACQ1", "ACQ1-1", request("000802")));
    toEdge.clear();
    String past = Long.toString(clock.millis());

    engine.onFrame(new Control("EXPORT", Map.of("move", "m2", "bank", "ACQ1", "deadline", past)));
    Control late = assertInstanceOf(Control.class, toEdge.removeFirst());
    assertEquals(List.of("EXPORTED", "0", "LATE"), List.of(late.verb(), late.attribute("count"), late.attribute("status")));
    assertEquals(1, engine.inFlight(), "kept");

    cluster.put("move|m3", "whatever");
    engine.onFrame(new Control("IMPORT", Map.of("move", "m3", "from", "B", "deadline", past)));
    assertEquals("LATE", ((Control) toEdge.removeFirst()).attribute("status"));
    assertEquals(1, cluster.size(), "left for the node that exported it to take back");
  }

  @Test
  void withSyncReplicationTheIssuerRequestLeavesOnlyOnceTheClusterHoldsItsContext() throws Exception {
    java.util.concurrent.CompletableFuture<Object> written = new java.util.concurrent.CompletableFuture<>();
    engine.inFlightStore(clusterConfirmingWith(written), true);

    engine.onFrame(fromBank(50, "ACQ1", "ACQ1-1", request("000786")));
    assertEquals(List.of(), toEdge, "held until the cluster has the context");
    assertEquals(1, engine.inFlight());

    written.complete(null);
    Data forward = assertInstanceOf(Data.class, toEdge.removeFirst());
    assertEquals("ISS1", forward.bankId());
  }

  @Test
  void withoutReplicationNothingIsCopiedAndATakeoverFindsNothing() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), false);
    engine.onFrame(fromBank(48, "ACQ1", "ACQ1-1", request("000784")));
    assertEquals(Map.of(), cluster);
    assertEquals(0, engine.takeOver(NodeId.B));
    assertEquals(1, engine.inFlight());
  }

  @Test
  void damagedClusterEntryIsSkippedWithoutLosingTheReadableOnes() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.onFrame(fromBank(49, "ACQ1", "ACQ1-1", request("000785")));
    toEdge.clear();
    cluster.put(ReplicaBatches.slotKey("A", 3), "7:garbage"); // a readable batch holding an unreadable context
    cluster.put(ReplicaBatches.slotKey("A", 7), "99:cut short"); // a batch cut short
    cluster.put(ReplicaBatches.slotKey("A", 64), "9:beyond top"); // past what node A said it uses: never read
    NodeEngine nodeB = new NodeEngine(NodeId.B, frame -> true, clock, NodeEngine.Timing.defaults());
    nodeB.inFlightStore(new MapStore(cluster), true);

    assertEquals(1, nodeB.takeOver(NodeId.A));
    assertEquals(1, nodeB.inFlight());
    assertEquals(java.util.Set.of(ReplicaBatches.slotKey("A", 64)),
        cluster.keySet().stream().filter(key -> key.startsWith("ctx|A|")).collect(java.util.stream.Collectors.toSet()),
        "node A's batches within its top, readable or not, leave the cluster");
    assertEquals(1, batchesOf(cluster, "B"), "what node B took over is in the cluster as node B's");
  }

  @Test
  void withSyncReplicationContextsCreatedWhileAWriteIsOnItsWayGoTogetherInTheNextWrite() throws Exception {
    ConfirmingStore store = new ConfirmingStore(new java.util.concurrent.ConcurrentHashMap<>());
    engine.inFlightStore(store, true);
    List<Map<String, String>> writes = store.writes;
    List<java.util.concurrent.CompletableFuture<Object>> confirmations = store.confirmations;
    int alone = ReplicaBatches.WRITES;
    for (int i = 0; i < alone + 2; i++) {
      engine.onFrame(fromBank(71 + i, "ACQ1", "ACQ1-1", request(String.format("%06d", 871 + i))));
    }
    assertEquals(alone, writes.size(), "the first ones go at once, each alone; the last two wait for one of them");
    assertEquals(List.of(), toEdge, "no issuer request before the cluster holds its context");

    confirmations.get(0).complete(null);
    assertEquals(1, toEdge.size(), "the first request leaves");
    assertEquals(alone + 1, writes.size());
    assertEquals(2, MovedContexts.split(writes.get(alone).values().iterator().next()).size(), "the two that waited, in one write");
    assertEquals(1, writes.get(0).size());
    assertEquals(alone + 1, writes.stream().map(Map::keySet).distinct().count(), "each write its own entry");

    for (int i = 1; i <= alone; i++) {
      confirmations.get(i).complete(null);
    }
    assertEquals(alone + 2, toEdge.size(), "and then every other one");
    assertTrue(toEdge.stream().allMatch(frame -> "ISS1".equals(((Data) frame).bankId())));
  }

  @Test
  void withSyncReplicationOnBusyProcessorsAWriteStartsOnlyOnceTheSpacingHasPassedAndCarriesEveryContextThatWaited()
      throws Exception {
    double[] busy = {0.95};
    engine.writeSpacing(60_000_000, () -> busy[0]); // a minute: nothing here passes it by itself
    List<Runnable> timers = new ArrayList<>();
    List<Long> waits = new ArrayList<>();
    engine.replicaTimer((task, nanos) -> {
      timers.add(task);
      waits.add(nanos);
    });
    ConfirmingStore store = new ConfirmingStore(new java.util.concurrent.ConcurrentHashMap<>());
    engine.inFlightStore(store, true);
    engine.tick(); // the processors' load is read

    engine.onFrame(fromBank(61, "ACQ1", "ACQ1-1", request("000861")));
    assertEquals(1, store.writes.size(), "the first write starts at once: none started before it");
    store.confirmations.get(0).complete(null);
    assertEquals(1, toEdge.size());

    for (int i = 0; i < ReplicaBatches.WRITES + 1; i++) {
      engine.onFrame(fromBank(62 + i, "ACQ1", "ACQ1-1", request(String.format("%06d", 862 + i))));
    }
    assertEquals(1, store.writes.size(), "no write on its way, yet the next waits for the spacing");
    assertEquals(1, timers.size(), "its start is set once, however many contexts join it");
    assertTrue(waits.get(0) > 59_000_000_000L && waits.get(0) <= 60_000_000_000L, "the spacing since the first: " + waits);
    assertEquals(1, toEdge.size(), "no issuer request before the cluster holds its context");

    timers.get(0).run();
    assertEquals(2, store.writes.size());
    assertEquals(ReplicaBatches.WRITES + 1, MovedContexts.split(store.writes.get(1).values().iterator().next()).size(),
        "every context that waited, in one write");
    store.confirmations.get(1).complete(null);
    assertEquals(ReplicaBatches.WRITES + 2, toEdge.size(), "and their requests leave");

    busy[0] = 0.5;
    clock.advance(Duration.ofMillis(WriteSpacing.SAMPLE_MILLIS));
    engine.tick();
    engine.onFrame(fromBank(69, "ACQ1", "ACQ1-1", request("000869")));
    assertEquals(3, store.writes.size(), "processors with room: the write starts at once");
    assertEquals(1, timers.size());
  }

  @Test
  void aBatchLeavesTheClusterOnceAllItsContextsHaveLeftTheNodeAndTheReplayWindowHasPassed() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    ConfirmingStore store = new ConfirmingStore(cluster);
    engine.inFlightStore(store, true);
    List<java.util.concurrent.CompletableFuture<Object>> confirmations = store.confirmations;
    int alone = ReplicaBatches.WRITES;
    for (int i = 0; i < alone + 2; i++) {
      engine.onFrame(fromBank(81 + i, "ACQ1", "ACQ1-1", request(String.format("%06d", 881 + i))));
    }
    for (int i = 0; i <= alone; i++) {
      confirmations.get(i).complete(null);
    }
    assertEquals(alone + 1, batchesOf(cluster, "A"), "batches of one, and the last one of two");
    List<ISOMsg> atIssuer = new ArrayList<>();
    for (Frame frame : List.copyOf(toEdge)) {
      atIssuer.add(unpack(((Data) frame).iso()));
    }
    toEdge.clear();
    int batches = batchesOf(cluster, "A");

    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer.get(alone), "00")));
    clock.advance(Duration.ofMillis(1_500));
    engine.tick();
    assertEquals(batches, batchesOf(cluster, "A"), "the batch of two still holds a context in flight");

    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer.get(alone + 1), "00")));
    engine.tick();
    assertEquals(batches, batchesOf(cluster, "A"), "kept while the edge may yet give its answer again");
    clock.advance(Duration.ofMillis(1_499));
    engine.tick();
    assertEquals(batches, batchesOf(cluster, "A"));
    clock.advance(Duration.ofMillis(1));
    engine.tick();
    assertEquals(batches - 1, batchesOf(cluster, "A"), "gone once its last context has been gone 1.5 s");

    assertEquals(1, cluster.values().stream().filter(ReplicaBatches.DONE::equals).count(),
        "its slot now holds a tombstone, which a takeover reads as nothing");
    engine.inFlightStore(new MapStore(cluster), false);
    assertTrue(cluster.values().stream().allMatch(ReplicaBatches.DONE::equals),
        "replication off: every batch and the top the node still had in the cluster go (tombstones expire): " + cluster);
  }

  @Test
  void aDoneBatchLeavesAsATombstoneInTheNextWriteAndATakeoverReadsItAsNothing() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    ConfirmingStore store = new ConfirmingStore(cluster);
    engine.inFlightStore(store, true);
    engine.onFrame(fromBank(91, "ACQ1", "ACQ1-1", request("000891")));
    store.confirmations.get(0).complete(null);
    String firstSlot = store.writes.get(0).keySet().iterator().next();
    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    toEdge.clear();
    engine.onFrame(fromBank(92, "ACQ1", "ACQ1-1", request("000892"))); // its write stays on its way
    clock.advance(Duration.ofMillis(1_500));
    engine.tick();
    assertEquals(2, store.writes.size(), "a write is on its way: the tombstone waits for the next one");

    engine.onFrame(fromBank(93, "ACQ1", "ACQ1-1", request("000893")));
    assertEquals(3, store.writes.size());
    Map<String, String> third = store.writes.get(2);
    assertEquals(2, third.size(), "the new batch and the done one's tombstone, in one write: " + third);
    assertEquals(ReplicaBatches.DONE, third.get(firstSlot));
    assertEquals(1, MovedContexts.split(third.entrySet().stream().filter(entry -> !entry.getKey().equals(firstSlot))
        .findFirst().orElseThrow().getValue()).size());

    NodeEngine nodeB = new NodeEngine(NodeId.B, frame -> true, clock, NodeEngine.Timing.defaults());
    nodeB.inFlightStore(new MapStore(cluster), false);
    assertEquals(2, nodeB.takeOver(NodeId.A), "the two requests still in flight; the answered one is nothing");
  }

  @Test
  void aQuietNodeWritesItsTombstonesAloneAndChoosesSlotsItIsTheFirstOwnerOf() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    List<Map<String, String>> writes = new ArrayList<>();
    engine.inFlightStore(new MapStore(cluster) {
      @Override
      public java.util.concurrent.CompletionStage<?> putAll(Map<String, String> entries, long lifespanMillis) {
        writes.add(Map.copyOf(entries));
        assertTrue(lifespanMillis >= 60_000, "entries outlive any context: " + lifespanMillis);
        return super.putAll(entries, lifespanMillis);
      }

      @Override
      public boolean ownsFirst(String key) {
        return key.endsWith("|1") || key.endsWith("|4"); // two slots of the first five
      }
    }, true);
    engine.onFrame(fromBank(94, "ACQ1", "ACQ1-1", request("000894")));
    engine.onFrame(fromBank(95, "ACQ1", "ACQ1-1", request("000895")));
    assertEquals(List.of(ReplicaBatches.slotKey("A", 1), ReplicaBatches.slotKey("A", 4)),
        writes.stream().map(write -> write.keySet().iterator().next()).toList(),
        "slots this node is not the first owner of are skipped");

    ISOMsg atIssuer = unpack(((Data) toEdge.removeFirst()).iso());
    engine.onFrame(fromBank(0, "ISS1", "ISS1-1", answer(atIssuer, "00")));
    clock.advance(Duration.ofMillis(1_500));
    engine.tick();
    assertEquals(Map.of(ReplicaBatches.slotKey("A", 1), ReplicaBatches.DONE), writes.get(2),
        "no write on its way: the tombstone goes alone");
    assertEquals(1, batchesOf(cluster, "A"));
  }

  @Test
  void aTakeoverFindsEveryContextOfHundredsOfBatchesWrittenWhileOthersWereOnTheirWay() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ScheduledExecutorService confirming = java.util.concurrent.Executors.newScheduledThreadPool(3);
    try {
      java.util.Random random = new java.util.Random(7);
      engine.inFlightStore(new MapStore(cluster) {
        @Override
        public java.util.concurrent.CompletionStage<?> put(String key, String value) {
          java.util.concurrent.CompletableFuture<Object> confirmed = new java.util.concurrent.CompletableFuture<>();
          long micros;
          synchronized (random) {
            micros = random.nextInt(2_000);
          }
          confirming.schedule(() -> {
            super.put(key, value);
            confirmed.complete(null);
          }, micros, java.util.concurrent.TimeUnit.MICROSECONDS);
          return confirmed;
        }
      }, true);
      List<Frame> sent = toEdge;
      int requests = 700;
      for (int i = 0; i < requests; i++) {
        engine.onFrame(fromBank(1_000 + i, "ACQ1", "ACQ1-1", request(String.format("%06d", 100_000 + i))));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (sent.size() < requests && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // polling, with a deadline, for the confirmations' threads
      }
      assertEquals(requests, sent.size(), "every issuer request left once its batch was in the cluster");

      NodeEngine nodeB = new NodeEngine(NodeId.B, frame -> true, clock, NodeEngine.Timing.defaults());
      nodeB.inFlightStore(new MapStore(cluster), false);
      assertEquals(requests, nodeB.takeOver(NodeId.A), "node B finds all of them");
    } finally {
      confirming.shutdownNow();
    }
  }

  @Test
  void aTakeoverReadsOnlyOnceTheClusterHasExcludedTheDeadNode() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.onFrame(fromBank(90, "ACQ1", "ACQ1-1", request("000890")));
    List<String> calls = new ArrayList<>();
    NodeEngine nodeB = new NodeEngine(NodeId.B, frame -> true, clock, NodeEngine.Timing.defaults());
    nodeB.inFlightStore(new MapStore(cluster) {
      @Override
      public boolean awaitLeft(String node, Duration within) {
        calls.add("await " + node);
        return true;
      }

      @Override
      public Map<String, String> getAll(java.util.Set<String> keys) {
        calls.add("read");
        return super.getAll(keys);
      }
    }, true);

    assertEquals(1, nodeB.takeOver(NodeId.A));
    assertEquals("await A", calls.getFirst(), "no read before node A has left the cluster: " + calls);
    assertTrue(calls.size() > 1);
  }

  @Test
  void aReplicatingTakeoverThatFindsNothingOfTheDeadNodeReadsAgainUntilItsContextsShowUp() throws Exception {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    engine.onFrame(fromBank(91, "ACQ1", "ACQ1-1", request("000891")));
    int[] reads = {0};
    NodeEngine nodeB = new NodeEngine(NodeId.B, frame -> true, clock, NodeEngine.Timing.defaults());
    nodeB.inFlightStore(new MapStore(cluster) {
      @Override
      public Map<String, String> getAll(java.util.Set<String> keys) {
        // The first two reads come back empty, as a read during the cluster's change of members can.
        return ++reads[0] <= 2 ? Map.of() : super.getAll(keys);
      }
    }, true);

    assertEquals(1, nodeB.takeOver(NodeId.A), "the context is taken over at the third read");
    assertTrue(reads[0] > 3, "the top, then the batches, read after two empty reads: " + reads[0]);
  }

  @Test
  void aNodeThatStartsReplicatingWritesItsTopBeforeAnyContext() {
    Map<String, String> cluster = new java.util.concurrent.ConcurrentHashMap<>();
    engine.inFlightStore(new MapStore(cluster), true);
    assertEquals(Map.of("ctx|A|top", "0-63"), cluster, "the reach of node A's slots, with no batch yet");
  }

  /** A cluster that never confirms a write: a member that died and is not excluded yet. */
  private static InFlightStore silentCluster() {
    return clusterConfirmingWith(new java.util.concurrent.CompletableFuture<>());
  }

  /** A cluster whose writes are confirmed when {@code writes} completes. */
  private static InFlightStore clusterConfirmingWith(java.util.concurrent.CompletableFuture<?> writes) {
    return new InFlightStore() {
      @Override
      public java.util.concurrent.CompletionStage<?> put(String key, String value) {
        return writes;
      }

      @Override
      public java.util.concurrent.CompletionStage<?> remove(String key) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public java.util.concurrent.CompletionStage<String> take(String key) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public java.util.concurrent.CompletionStage<String> putIfAbsent(String key, String value) {
        return writes.thenApply(written -> null);
      }

      @Override
      public java.util.concurrent.CompletionStage<String> claim(String key, String marker, long lifespanMillis) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public java.util.concurrent.CompletionStage<Boolean> claimIf(String key, String expected, String marker,
          long lifespanMillis) {
        return java.util.concurrent.CompletableFuture.completedFuture(false);
      }

      @Override
      public Map<String, String> getAll(java.util.Set<String> keys) {
        return Map.of();
      }
    };
  }

  private NodeEngine nodeB(List<Frame> toEdgeFromB, InFlightStore store) {
    NodeEngine nodeB = new NodeEngine(NodeId.B, toEdgeFromB::add, clock, NodeEngine.Timing.defaults());
    nodeB.configure(new NodeConfiguration(BinTable.of(Map.of("4", "ISS1")), Map.of(
        "ACQ1", BankProfile.of("ACQ1", "ISO87B", "binary2"), "ISS1", BankProfile.of("ISS1", "ISO87B", "binary2")),
        FieldCorrections.builder().build()));
    nodeB.inFlightStore(store, false);
    return nodeB;
  }

  private static class MapStore implements InFlightStore {
    private final Map<String, String> map;

    MapStore(Map<String, String> map) {
      this.map = map;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> put(String key, String value) {
      map.put(key, value);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.concurrent.CompletionStage<?> remove(String key) {
      map.remove(key);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.concurrent.CompletionStage<String> take(String key) {
      return java.util.concurrent.CompletableFuture.completedFuture(map.remove(key));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> putIfAbsent(String key, String value) {
      return java.util.concurrent.CompletableFuture.completedFuture(map.putIfAbsent(key, value));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> claim(String key, String marker, long lifespanMillis) {
      return java.util.concurrent.CompletableFuture.completedFuture(map.put(key, marker));
    }

    @Override
    public java.util.concurrent.CompletionStage<Boolean> claimIf(String key, String expected, String marker,
        long lifespanMillis) {
      return java.util.concurrent.CompletableFuture.completedFuture(map.replace(key, expected, marker));
    }

    @Override
    public Map<String, String> getAll(java.util.Set<String> keys) {
      Map<String, String> found = new java.util.HashMap<>();
      keys.forEach(key -> {
        String value = map.get(key);
        if (value != null) {
          found.put(key, value);
        }
      });
      return found;
    }
  }

  /** How many of {@code node}'s batches holding contexts are in the cluster (its {@code top} and tombstones not counted). */
  private static int batchesOf(Map<String, String> cluster, String node) {
    return (int) cluster.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith("ctx|" + node + "|") && !entry.getKey().equals(ReplicaBatches.topKey(node))
            && !ReplicaBatches.DONE.equals(entry.getValue()))
        .count();
  }

  /** A cluster where each batch write waits until the test confirms it (node A's top is confirmed at once). */
  private static class ConfirmingStore extends MapStore {
    final List<Map<String, String>> writes = new ArrayList<>();
    final List<java.util.concurrent.CompletableFuture<Object>> confirmations = new ArrayList<>();

    ConfirmingStore(Map<String, String> map) {
      super(map);
    }

    @Override
    public java.util.concurrent.CompletionStage<?> put(String key, String value) {
      super.put(key, value);
      if (key.equals(ReplicaBatches.topKey("A"))) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }
      writes.add(Map.of(key, value));
      java.util.concurrent.CompletableFuture<Object> confirmed = new java.util.concurrent.CompletableFuture<>();
      confirmations.add(confirmed);
      return confirmed;
    }

    /** One write, however many entries, confirmed by the test. */
    @Override
    public java.util.concurrent.CompletionStage<?> putAll(Map<String, String> entries, long lifespanMillis) {
      entries.forEach(super::put);
      writes.add(Map.copyOf(entries));
      java.util.concurrent.CompletableFuture<Object> confirmed = new java.util.concurrent.CompletableFuture<>();
      confirmations.add(confirmed);
      return confirmed;
    }
  }

  private static Data fromBank(long correlation, String bank, String session, ISOMsg message) throws ISOException {
    return new Data(correlation, bank, session, "", 0, message.pack());
  }

  private static ISOMsg request(String stan) throws ISOException {
    ISOMsg request = new ISOMsg("0100");
    request.setPackager(PACKAGER);
    request.set(2, "4000000000000002");
    request.set(3, "000000");
    request.set(4, "000000001000");
    request.set(7, "1123150000");
    request.set(11, stan);
    request.set(37, "RRN" + stan + "000");
    request.set(41, "TERM0001");
    return request;
  }

  private static ISOMsg answer(ISOMsg request, String rc) throws ISOException {
    ISOMsg answer = (ISOMsg) request.clone();
    answer.setPackager(PACKAGER);
    answer.setResponseMTI();
    answer.set(39, rc);
    answer.set(38, "AUTH01");
    return answer;
  }

  private static ISOMsg unpack(byte[] packed) throws ISOException {
    ISOMsg message = new ISOMsg();
    message.setPackager(PACKAGER);
    message.unpack(packed);
    return message;
  }
}
