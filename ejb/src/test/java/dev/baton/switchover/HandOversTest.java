package dev.baton.switchover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.IsoMessage;
import dev.baton.edge.AcceptingBankDoor;
import dev.baton.edge.EdgeEngine;
import dev.baton.edge.NodeLinks;
import dev.baton.link.Frame;
import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.NodeState;
import dev.baton.node.MutableClock;
import dev.baton.routing.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Planned moves between an edge engine and two scripted nodes: node A, the old node, answers each
 * step as it is sent; node B, the new node, answers when the test says.
 */
class HandOversTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final MutableClock clock = new MutableClock();
  private final Map<String, NodeId> routes = new ConcurrentHashMap<>(Map.of("ACQ1", NodeId.A, "ISS1", NodeId.A));
  private final Map<NodeId, List<Frame>> sentTo = new EnumMap<>(Map.of(
      NodeId.A, Collections.synchronizedList(new ArrayList<>()), NodeId.B, Collections.synchronizedList(new ArrayList<>())));
  /** How many of the move's contexts node A says it took back when the move rolls back. */
  private volatile String takenBackByA = "0";
  private final Map<NodeId, NodeState> states = new ConcurrentHashMap<>(Map.of(NodeId.A, NodeState.UP, NodeId.B, NodeState.UP));
  private EdgeEngine engine;

  HandOversTest() {
    engine = new EdgeEngine(bank -> Optional.ofNullable(routes.get(bank)), new NodeLinks() {
      @Override
      public boolean send(NodeId node, Frame frame) {
        sentTo.get(node).add(frame);
        if (node == NodeId.A && frame instanceof Control step) {
          answerAsNodeA(step);
        }
        return true;
      }

      @Override
      public NodeState state(NodeId node) {
        return states.get(node);
      }
    }, new AcceptingBankDoor(), clock, Duration.ofSeconds(6), Duration.ofMinutes(2));
  }

  /** Whether node A answers EXPORT as soon as it is sent (else the test does). */
  private volatile boolean exportsAtOnce = true;
  /** How many contexts node A has in flight to export. */
  private volatile String inFlightAtA = "1";

  /** Node A exports the contexts in flight, and takes back what the test says when asked to. */
  private void answerAsNodeA(Control step) {
    String move = step.attribute("move");
    if ("EXPORT".equals(step.verb())) {
      if (exportsAtOnce) {
        engine.onFrame("A", exporting(move));
      }
    } else if ("IMPORT".equals(step.verb())) {
      engine.onFrame("A", new Control("IMPORTED", Map.of("move", move, "count", takenBackByA, "status", "OK")));
    }
  }

  /** What node A says to an EXPORT: EXPORTING with the count, or EXPORTED when there is nothing to write. */
  private Control exporting(String move) {
    return new Control("0".equals(inFlightAtA) ? "EXPORTED" : "EXPORTING", Map.of("move", move, "count", inFlightAtA,
        "status", "OK", "banks", "ACQ1=" + inFlightAtA, "key", "move|" + move));
  }

  @Test
  void theNewNodeIsToldToImportAtOnceAndItsKeysTakeEffectOnlyAfterTheOldNodesEarlierRequests() throws Exception {
    exportsAtOnce = false;
    CompletableFuture<HandOvers.HandOver> moving = CompletableFuture.supplyAsync(
        () -> handOvers(PATIENCE.toMillis(), 10_000).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime()));
    until("node B was asked to import", () -> controls(NodeId.B, "IMPORT") == 1);
    String move = control(NodeId.B, "IMPORT").attribute("move");
    assertEquals("true", control(NodeId.B, "IMPORT").attribute("await"), "before node A has exported");

    // Node B claimed the contexts as soon as the cluster had them; node A's issuer request, sent
    // before its EXPORTING, is read by the edge only after node B's keys.
    engine.onFrame("B", new Control("IMPORT-KEYS", Map.of("move", move, "keys", "ISS1|000128")));
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes(StandardCharsets.ISO_8859_1)));
    engine.onFrame("A", exporting(move));
    engine.onFrame("B", new Control("IMPORTED", Map.of("move", move, "count", "1", "status", "OK")));
    HandOvers.HandOver done = moving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    engine.fromBank(issuerAnswer("000128"));

    assertTrue(done.moved(), done.detail());
    assertEquals(NodeId.B, routes.get("ACQ1"));
    assertEquals(List.of("answer"), answers(NodeId.B), "the issuer's answer went to node B, which has the context");
    assertEquals(List.of(), answers(NodeId.A));
  }

  @Test
  void moveWithNothingInFlightFlipsTheRouteAtOnceAndTellsTheNewNodeToStopLooking() throws Exception {
    inFlightAtA = "0";
    HandOvers.HandOver done = handOvers(PATIENCE.toMillis(), 10_000).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime());

    assertTrue(done.moved(), done.detail());
    assertEquals(NodeId.B, routes.get("ACQ1"));
    assertEquals(Map.of("ACQ1", 0), done.contexts());
    assertEquals(2, controls(NodeId.B, "IMPORT"), "asked to import, then told nothing is coming");
    synchronized (sentTo.get(NodeId.B)) {
      assertEquals("0", ((Control) sentTo.get(NodeId.B).get(1)).attribute("count"));
    }
  }

  private HandOvers handOvers(long stepMillis, long rollbackMillis) {
    return new HandOvers(engine, states::get, routes::put, new HandOvers.Timing(stepMillis, rollbackMillis, 20, rollbackMillis));
  }

  @Test
  void rolledBackMoveWhoseNewNodeTookTheContextsLateHoldsTheirIssuerAnswersUntilItSaysWhichItTook() throws Exception {
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes(StandardCharsets.ISO_8859_1)));
    takenBackByA = "0"; // node B took them from the cluster after the move stopped waiting for it
    CompletableFuture<HandOvers.HandOver> moving =
        CompletableFuture.supplyAsync(() -> handOvers(100, 10_000).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime()));

    until("node B was asked to import", () -> controls(NodeId.B, "IMPORT") == 1);
    engine.fromBank(issuerAnswer("000128")); // held: node A is exporting
    until("the move rolled back to node A", () -> controls(NodeId.A, "IMPORT") == 1);
    String move = control(NodeId.B, "IMPORT").attribute("move");
    engine.onFrame("B", new Control("IMPORT-KEYS", Map.of("move", move, "keys", "ISS1|000128")));
    engine.onFrame("B", new Control("IMPORTED", Map.of("move", move, "count", "1", "status", "OK")));
    HandOvers.HandOver done = moving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    assertFalse(done.moved(), "rolled back: " + done.detail());
    assertEquals(NodeId.A, routes.get("ACQ1"), "the route stays");
    assertEquals(List.of(), answers(NodeId.A), "node A, which no longer has the context, got no issuer answer for it");
    assertEquals(List.of("answer"), answers(NodeId.B), "the issuer's answer went to node B, which took the context");
    assertTrue(done.detail().contains("node B took 1 (OK) after the move stopped waiting"), done.detail());
  }

  @Test
  void rolledBackMoveStopsWaitingForTheNewNodeOnceItIsDown() throws Exception {
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes(StandardCharsets.ISO_8859_1)));
    takenBackByA = "0";
    CompletableFuture<HandOvers.HandOver> moving = CompletableFuture.supplyAsync(
        () -> handOvers(100, PATIENCE.toMillis() * 3).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime()));

    until("the move rolled back to node A", () -> controls(NodeId.A, "IMPORT") == 1);
    states.put(NodeId.B, NodeState.DOWN); // it died with what it took: failover's to take over
    HandOvers.HandOver done = moving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    assertFalse(done.moved());
    assertTrue(done.detail().endsWith("node A took back 0 of 1; node B did not say whether it took the rest"), done.detail());
  }

  @Test
  void rolledBackMoveWhoseOldNodeTookEverythingBackReleasesWithoutWaitingForTheNewNode() throws Exception {
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes(StandardCharsets.ISO_8859_1)));
    takenBackByA = "1";
    CompletableFuture<HandOvers.HandOver> moving = CompletableFuture.supplyAsync(
        () -> handOvers(100, PATIENCE.toMillis() * 3).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime()));

    until("node B was asked to import", () -> controls(NodeId.B, "IMPORT") == 1);
    engine.fromBank(issuerAnswer("000128"));
    HandOvers.HandOver done = moving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS); // B never answers

    assertFalse(done.moved(), "rolled back: " + done.detail());
    assertEquals("; node B did not import in time, node A took back 1 of 1", done.detail());
    assertEquals(List.of("answer"), answers(NodeId.A), "the answer went to node A, which has its context back");
    assertEquals(List.of(), answers(NodeId.B));
  }

  @Test
  void moveWhoseNewNodeImportsInTimeFlipsTheRouteAndPointsTheAnswersAtIt() throws Exception {
    engine.onFrame("A", new Data(0, "ISS1", "", "000128|RRN1|TERM1", 0, "request".getBytes(StandardCharsets.ISO_8859_1)));
    CompletableFuture<HandOvers.HandOver> moving =
        CompletableFuture.supplyAsync(() -> handOvers(PATIENCE.toMillis(), 10_000).run(List.of("ACQ1"), NodeId.A, NodeId.B, System.nanoTime()));

    until("node B was asked to import", () -> controls(NodeId.B, "IMPORT") == 1);
    engine.fromBank(issuerAnswer("000128"));
    String move = control(NodeId.B, "IMPORT").attribute("move");
    engine.onFrame("B", new Control("IMPORT-KEYS", Map.of("move", move, "keys", "ISS1|000128")));
    engine.onFrame("B", new Control("IMPORTED", Map.of("move", move, "count", "1", "status", "OK")));
    HandOvers.HandOver done = moving.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    assertTrue(done.moved(), done.detail());
    assertEquals(Map.of("ACQ1", 1), done.contexts());
    assertEquals(NodeId.B, routes.get("ACQ1"));
    assertEquals(0, controls(NodeId.A, "IMPORT"), "nothing rolled back");
    assertEquals(List.of("answer"), answers(NodeId.B));
  }

  private int controls(NodeId node, String verb) {
    synchronized (sentTo.get(node)) {
      return (int) sentTo.get(node).stream().filter(frame -> frame instanceof Control c && verb.equals(c.verb())).count();
    }
  }

  private Control control(NodeId node, String verb) {
    synchronized (sentTo.get(node)) {
      return sentTo.get(node).stream()
          .filter(frame -> frame instanceof Control c && verb.equals(c.verb()))
          .map(Control.class::cast)
          .findFirst()
          .orElseThrow();
    }
  }

  /** The issuer answers a node was given, by their frames. */
  private List<String> answers(NodeId node) {
    synchronized (sentTo.get(node)) {
      return sentTo.get(node).stream()
          .filter(Data.class::isInstance)
          .map(frame -> new String(((Data) frame).iso(), StandardCharsets.ISO_8859_1))
          .toList();
    }
  }

  private BankMessage issuerAnswer(String stan) {
    IsoMessage answer = IsoMessage.of("0110").with(11, stan).with(37, "RRN1").with(39, "00").with(41, "TERM1");
    return new BankMessage("ISS1", "ISS1-1", answer, "answer".getBytes(StandardCharsets.ISO_8859_1), clock.instant(),
        clock.instant().plusSeconds(5));
  }

  private static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // polling, with a deadline
    }
  }
}
