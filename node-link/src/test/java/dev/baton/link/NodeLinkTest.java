package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.Refused;
import dev.baton.link.RecordingLinkListener.Change;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge's client and a node's server together, on real loopback sockets. */
class NodeLinkTest {

  /**
   * Quick reconnection; heartbeats slow enough that a busy build machine does not miss them (the
   * first heartbeat of a connection goes out at once, so they cost these tests no time).
   */
  static final LinkSettings FAST = new LinkSettings(Duration.ofMillis(250), 3,
      Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
      FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  /** The production heartbeat, for the test that waits for misses. */
  static final LinkSettings BEATING = new LinkSettings(Duration.ofMillis(100), 3,
      FAST.reconnectMin(), FAST.reconnectMax(), FAST.connectTimeout(), FAST.maxFrameBytes());
  static final ThreadFactory THREADS = Thread.ofPlatform().daemon().factory();

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final RecordingServerListener node = new RecordingServerListener();
  private final RecordingLinkListener edge = new RecordingLinkListener();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
  }

  @Test
  void exchangesHelloAndIsUpOnceTheFirstHeartbeatIsAnswered() throws IOException {
    NodeLinkServer server = server(0);

    NodeLinkClient client = client(server.port());

    awaitState(client, NodeState.UP);
    assertEquals(List.of(new Change("A", NodeState.DOWN, NodeState.UP, "connected")),
        edge.changes);
    assertEquals(List.of("edge"), node.connected);
    assertEquals(1, server.connections());
    assertTrue(client.connected());
    assertTrue(client.lastRoundTripNanos() >= 0);
    assertTrue(client.lastAckAgeMillis() < Poll.WITHIN.toMillis());
  }

  @Test
  void carriesTenThousandDataFramesEachWayIntactAndInOrder() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);
    int count = 10_000;

    for (int i = 0; i < count; i++) {
      assertTrue(client.send(data(i, "edge")), "edge send " + i);
      assertTrue(server.send(data(i, "node")), "node send " + i);
    }

    Poll.until("all frames at the node", () -> node.frames.size() == count);
    Poll.until("all frames at the edge", () -> edge.frames.size() == count);
    List<Frame> atNode = List.copyOf(node.frames);
    List<Frame> atEdge = List.copyOf(edge.frames);
    for (int i = 0; i < count; i++) {
      assertEquals(data(i, "edge"), atNode.get(i), "frame " + i + " at the node");
      assertEquals(data(i, "node"), atEdge.get(i), "frame " + i + " at the edge");
    }
  }

  @Test
  void carriesRefusedAndControlFramesBothWays() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);
    Control session = new Control("SESSION",
        Map.of("bank", "ACQ1", "session", "ACQ1-1", "state", "SIGNED_ON"));
    Refused refused = new Refused(0, "ISS1", "000042", "no signed-on session");

    assertTrue(client.send(session));
    assertTrue(client.send(refused));
    assertTrue(server.send(new Control("SWITCHOVER")));

    Poll.until("two frames at the node", () -> node.frames.size() == 2);
    Poll.until("one frame at the edge", () -> edge.frames.size() == 1);
    assertEquals(List.of(session, refused), List.copyOf(node.frames));
    assertEquals(new Control("SWITCHOVER"), edge.frames.peek());
  }

  /**
   * A node whose heartbeat answers are late behind its own traffic is alive: the frames it sends
   * count. Tried: answers stopped while the node sends a frame every 20 ms for ten heartbeat
   * intervals; then the frames stop too.
   */
  @Test
  void aNodeThatSendsFramesStaysUpWithoutAnsweringHeartbeatsAndIsDownOnceItFallsSilent()
      throws Exception {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port(), BEATING);
    awaitState(client, NodeState.UP);

    server.answerHeartbeats(false);
    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    int sent = 0;
    while (System.nanoTime() < until) {
      assertTrue(server.send(new Control("SESSION", Map.of("n", Integer.toString(sent++)))));
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    int finalSent = sent;
    Poll.until("every frame at the edge", () -> edge.frames.size() == finalSent);
    assertEquals(List.of(NodeState.UP), edge.states(), "UP throughout " + sent + " frames");

    awaitState(client, NodeState.DOWN);
    assertEquals("3 heartbeats unanswered", edge.last().reason());
  }

  @Test
  void isSuspectThenDownWhileHeartbeatsGoUnansweredAndUpWhenAnsweredAgain() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port(), BEATING);
    awaitState(client, NodeState.UP);

    server.answerHeartbeats(false);
    awaitState(client, NodeState.DOWN);

    assertEquals(List.of(
        new Change("A", NodeState.DOWN, NodeState.UP, "connected"),
        new Change("A", NodeState.UP, NodeState.SUSPECT, "1 heartbeat unanswered"),
        new Change("A", NodeState.SUSPECT, NodeState.DOWN, "3 heartbeats unanswered")),
        edge.changes);
    assertTrue(client.connected(), "the connection stays open while the node is DOWN");
    assertEquals(1, server.connections());

    server.answerHeartbeats(true);
    awaitState(client, NodeState.UP);

    assertEquals(List.of(NodeState.UP, NodeState.SUSPECT, NodeState.DOWN, NodeState.UP),
        edge.states());
    assertEquals("heartbeats answered again", edge.last().reason());
    assertEquals(List.of("edge"), node.connected, "the same connection throughout");
  }

  @Test
  void isDownWithAReasonWhenTheNodeCloses() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);

    server.close();

    awaitState(client, NodeState.DOWN);
    assertEquals("closed by the node: server closed", edge.last().reason(), "the node said why first");
    assertEquals("closed by the node: server closed", client.stateReason());
    assertFalse(client.connected());
    assertTrue(edge.frames.isEmpty(), "the notice is the link's own, never the application's");
  }

  @Test
  void reconnectsByItselfToANewNodeOnTheSamePort() throws IOException {
    NodeLinkServer first = server(0);
    int port = first.port();
    NodeLinkClient client = client(port);
    awaitState(client, NodeState.UP);
    first.close();
    awaitState(client, NodeState.DOWN);

    server(port);

    awaitState(client, NodeState.UP);
    assertEquals(List.of(NodeState.UP, NodeState.DOWN, NodeState.UP), edge.states());
    assertEquals("connected", edge.last().reason());
  }

  @Test
  void reconnectsAfterDroppingItsConnection() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);

    client.dropConnection("operator asked");

    Poll.until("UP again", () -> edge.changes.size() == 3);
    assertEquals(List.of(NodeState.UP, NodeState.DOWN, NodeState.UP), edge.states());
    assertEquals("dropped: operator asked", edge.changes.get(1).reason());
    Poll.until("the node saw the old connection go", () -> node.disconnected.size() == 1);
    assertFalse(node.disconnected.getFirst().endsWith("(announced)"),
        "a dropped connection is not a closing edge: " + node.disconnected);
    assertEquals(List.of("edge", "edge"), node.connected);
    assertEquals(1, server.connections());
  }

  @Test
  void anEdgeThatClosesItsLinkSaysSoFirstSoTheNodeReportsTheEndAsAnnouncedAndNotAsALoss()
      throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);

    client.close();

    Poll.until("the node saw the edge go", () -> node.disconnected.size() == 1);
    assertEquals(List.of("edge: closed by the edge: link closed (announced)"), node.disconnected);
    assertTrue(node.frames.isEmpty(), "the notice is the link's own, never the application's");
    assertEquals(NodeState.DOWN, client.state());
  }

  @Test
  void refusesToSendWhileDownWithoutThrowing() throws IOException {
    int nobodyListens = freePort();
    NodeLinkClient client = client(nobodyListens);

    Poll.until("a connection attempt failed", () -> client.lastFailure() != null);

    assertFalse(client.send(data(1, "edge")));
    assertEquals(NodeState.DOWN, client.state());
    assertTrue(client.lastFailure().startsWith("connection refused"), client.lastFailure());
    assertEquals(List.of(), edge.changes, "DOWN from the start: no change to report");
    assertEquals(Long.MAX_VALUE, client.lastAckAgeMillis());
  }

  @Test
  void refusesFramesTheLinkSendsItself() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());

    assertThrows(IllegalArgumentException.class, () -> client.send(new Heartbeat(1, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> server.send(new Frame.Hello(1, "node", "A")));
  }

  @Test
  void refusesAFrameOverTheMaximumAndKeepsTheConnection() throws IOException {
    NodeLinkServer server = server(0);
    NodeLinkClient client = client(server.port());
    awaitState(client, NodeState.UP);

    assertFalse(client.send(FrameCodecTest.dataOfFrameLength(FAST.maxFrameBytes() + 1)));
    assertTrue(client.send(FrameCodecTest.dataOfFrameLength(FAST.maxFrameBytes())));

    Poll.until("the largest frame arrived", () -> node.frames.size() == 1);
    assertTrue(client.connected());
    assertEquals(List.of(NodeState.UP), edge.states());
  }

  @Test
  void keepsReadingWhenTheListenersThrow() throws IOException {
    List<Frame> atNode = new CopyOnWriteArrayList<>();
    NodeLinkServer server = new NodeLinkServer("A", loopback(0), FAST.maxFrameBytes(), THREADS,
        new ServerListener() {
          @Override
          public void onConnected(String peerName) {
            throw new IllegalStateException("the node's application fails");
          }

          @Override
          public void onFrame(Frame frame) {
            atNode.add(frame);
            throw new IllegalStateException("the node's application fails");
          }

          @Override
          public void onDisconnected(String peerName, String reason, boolean announced) {
            throw new IllegalStateException("the node's application fails");
          }
        });
    cleanup.add(server);
    server.start();
    List<Frame> atEdge = new CopyOnWriteArrayList<>();
    NodeLinkClient client = new NodeLinkClient("A", loopback(server.port()), "edge", FAST, THREADS,
        new LinkListener() {
          @Override
          public void onState(String nodeId, NodeState from, NodeState to, String reason) {
            edge.onState(nodeId, from, to, reason);
            throw new IllegalStateException("the edge's application fails");
          }

          @Override
          public void onFrame(String nodeId, Frame frame) {
            atEdge.add(frame);
            throw new IllegalStateException("the edge's application fails");
          }
        });
    cleanup.add(client);
    client.start();
    awaitState(client, NodeState.UP);

    client.send(data(1, "edge"));
    client.send(data(2, "edge"));
    server.send(data(3, "node"));
    server.send(data(4, "node"));

    Poll.until("both frames at the node", () -> atNode.size() == 2);
    Poll.until("both frames at the edge", () -> atEdge.size() == 2);
    assertEquals(NodeState.UP, client.state());
  }

  @Test
  void closeStopsItsThreadsAndLeavesTheNodeDown() throws IOException {
    List<Thread> made = new CopyOnWriteArrayList<>();
    ThreadFactory counting = task -> {
      Thread thread = THREADS.newThread(task);
      made.add(thread);
      return thread;
    };
    NodeLinkServer server = server(0);
    NodeLinkClient client = new NodeLinkClient("A", loopback(server.port()), "edge", FAST,
        counting, edge);
    client.start();
    awaitState(client, NodeState.UP);

    client.close();

    assertEquals(List.of("node-link-A-delivery", "node-link-A-heartbeat", "node-link-A-connection"),
        made.stream().map(Thread::getName).toList());
    assertTrue(made.stream().noneMatch(Thread::isAlive), "threads still alive after close");
    assertEquals(NodeState.DOWN, client.state());
    assertEquals("link closed", edge.last().reason());
    assertFalse(client.send(data(1, "edge")));
  }

  private NodeLinkServer serving(ServerListener application) throws IOException {
    NodeLinkServer server = new NodeLinkServer("A", loopback(0), FAST.maxFrameBytes(), THREADS, application);
    cleanup.add(server);
    server.start();
    return server;
  }

  /**
   * An application stuck on every DATA, and on a CONTROL named HOLD, until released; takes at once
   * what {@code atOnce} names. A test that needs frames queued behind a busy application sends HOLD
   * first: a node hands a DATA that finds it idle over on the connection's reader, and one held
   * there would hold the reader too.
   */
  private static class Held {
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final List<Frame> processed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.function.Predicate<Frame> atOnce;

    Held(java.util.function.Predicate<Frame> atOnce) {
      this.atOnce = atOnce;
    }

    void process(Frame frame) {
      if (frame instanceof Data || frame instanceof Control control && control.verb().equals("HOLD")) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      processed.add(frame);
    }
  }

  /** A node's application, held. */
  private static final class HeldApplication extends Held implements ServerListener {
    HeldApplication(java.util.function.Predicate<Frame> atOnce) {
      super(atOnce);
    }

    @Override
    public void onConnected(String peerName) {}

    @Override
    public void onDisconnected(String peerName, String reason, boolean announced) {}

    @Override
    public void onFrame(Frame frame) {
      process(frame);
    }

    @Override
    public boolean takesAtOnce(Frame frame) {
      return atOnce.test(frame);
    }
  }

  /** The edge's application, held (writing to a bank); its state changes go to {@link #edge}. */
  private final class HeldEdge extends Held implements LinkListener {
    HeldEdge(java.util.function.Predicate<Frame> atOnce) {
      super(atOnce);
    }

    @Override
    public void onState(String nodeId, NodeState from, NodeState to, String reason) {
      edge.onState(nodeId, from, to, reason);
    }

    @Override
    public void onFrame(String nodeId, Frame frame) {
      process(frame);
    }

    @Override
    public boolean takesAtOnce(String nodeId, Frame frame) {
      return atOnce.test(frame);
    }
  }

  static Data data(int i, String from) {
    byte[] iso = ByteBuffer.allocate(12).putInt(i).putLong(~i).array();
    return new Data(i, "ACQ" + i % 7, from + "-" + i % 3, i % 2 == 0 ? "" : "00" + i,
        1_750_000_000_000L + i, iso);
  }

  @Test
  void nodeWhoseApplicationIsBusyStillAnswersHeartbeatsAndGetsItsFramesInOrderAfterwards()
      throws Exception {
    HeldApplication busy = new HeldApplication(frame -> false);
    List<Frame> processed = busy.processed;
    java.util.concurrent.CountDownLatch release = busy.release;
    NodeLinkServer server = serving(busy);
    NodeLinkClient client = client(server.port(), BEATING);
    awaitState(client, NodeState.UP);

    assertTrue(client.send(HOLD));
    for (int i = 0; i < 50; i++) {
      assertTrue(client.send(data(i, "edge")));
    }
    long heldSince = System.nanoTime();
    long interval = BEATING.heartbeatInterval().toNanos();
    // Six heartbeat intervals later, with the application still held, the last heartbeat was
    // answered within two intervals: misses never reach three.
    Poll.until("heartbeats answered while the node's application is held", () ->
        System.nanoTime() - heldSince > 6 * interval
            && client.lastAckAgeMillis() < 2 * BEATING.heartbeatInterval().toMillis());
    assertEquals(NodeState.UP, client.state());
    assertTrue(edge.changes.stream().noneMatch(change -> change.to() == NodeState.DOWN), edge.changes.toString());
    assertTrue(server.deliveryBacklog() > 0, "frames wait for the application");

    release.countDown();
    Poll.until("all 50 frames processed", () -> processed.size() == 51);
    assertEquals(HOLD, processed.get(0));
    for (int i = 0; i < 50; i++) {
      assertEquals(data(i, "edge"), processed.get(i + 1), "frame " + i + " in order");
    }
  }

  @Test
  void aFrameTheNodeTakesAtOnceOvertakesFramesQueuedBehindABusyApplication() throws Exception {
    HeldApplication busy = new HeldApplication(NodeLinkTest::urgent);
    NodeLinkClient client = client(serving(busy).port(), BEATING);
    awaitState(client, NodeState.UP);

    urgentOvertakesHeldFrames(busy, client::send, "edge");
  }

  @Test
  void aFrameTheEdgeTakesAtOnceOvertakesFramesQueuedBehindABusyApplication() throws Exception {
    HeldEdge busy = new HeldEdge(NodeLinkTest::urgent);
    NodeLinkServer server = server(0);
    connectedEdge(server, busy);

    urgentOvertakesHeldFrames(busy, server::send, "node");
  }

  private static final Control HOLD = new Control("HOLD", java.util.Map.of());

  private static boolean urgent(Frame frame) {
    return frame instanceof Control control && control.verb().equals("URGENT");
  }

  /**
   * Sends a HOLD, five DATA, a LATER and an URGENT control to {@code held}: the URGENT one is
   * taken while HOLD holds the application, and the rest follow it in the order sent once released.
   */
  private static void urgentOvertakesHeldFrames(Held held, java.util.function.Predicate<Frame> send, String from) {
    List<Frame> processed = held.processed;
    assertTrue(send.test(HOLD));
    for (int i = 0; i < 5; i++) {
      assertTrue(send.test(data(i, from)));
    }
    Control later = new Control("LATER", java.util.Map.of());
    Control urgent = new Control("URGENT", java.util.Map.of());
    assertTrue(send.test(later));
    assertTrue(send.test(urgent));

    Poll.until("the urgent frame handed over while the application is held", () -> processed.contains(urgent));
    assertEquals(List.of(urgent), processed, "nothing else overtook the held frame");

    held.release.countDown();
    Poll.until("the queued frames processed", () -> processed.size() == 8);
    assertEquals(HOLD, processed.get(1));
    for (int i = 0; i < 5; i++) {
      assertEquals(data(i, from), processed.get(i + 2), "frame " + i + " in order");
    }
    assertEquals(later, processed.get(7));
  }

  /** An edge with {@code listener} connected to {@code server}, the node UP. */
  private NodeLinkClient connectedEdge(NodeLinkServer server, LinkListener listener) {
    NodeLinkClient client = new NodeLinkClient("A", loopback(server.port()), "edge", BEATING, THREADS, listener);
    cleanup.add(client);
    client.start();
    awaitState(client, NodeState.UP);
    Poll.until("the node has the edge's connection", () -> server.connections() == 1);
    return client;
  }

  @Test
  void edgeWhoseApplicationIsBusyStillHearsHeartbeatAnswers() throws Exception {
    HeldEdge busy = new HeldEdge(frame -> false);
    java.util.concurrent.CountDownLatch release = busy.release;
    List<Frame> processed = busy.processed;
    NodeLinkServer server = server(0);
    NodeLinkClient client = connectedEdge(server, busy);

    for (int i = 0; i < 20; i++) {
      assertTrue(server.send(data(i, "node")));
    }
    long heldSince = System.nanoTime();
    long interval = BEATING.heartbeatInterval().toNanos();
    Poll.until("heartbeat answers heard while the edge's application is held", () ->
        System.nanoTime() - heldSince > 6 * interval
            && client.lastAckAgeMillis() < 2 * BEATING.heartbeatInterval().toMillis());
    assertEquals(NodeState.UP, client.state());
    assertTrue(edge.changes.stream().noneMatch(change -> change.to() == NodeState.DOWN), edge.changes.toString());

    release.countDown();
    Poll.until("all 20 frames processed", () -> processed.size() == 20);
    for (int i = 0; i < 20; i++) {
      assertEquals(data(i, "node"), processed.get(i), "frame " + i + " in order");
    }
  }

  @Test
  void warmEdgeHandsAnIdleDataFrameOverOnItsReaderAndAReaderHeldThereKeepsTheNodeUp() throws Exception {
    List<String> handedOn = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    int warm = 1_000;
    int held = 5_000;
    LinkListener application = new LinkListener() {
      @Override
      public void onState(String nodeId, NodeState from, NodeState to, String reason) {
        edge.onState(nodeId, from, to, reason);
      }

      @Override
      public void onFrame(String nodeId, Frame frame) {
        if (frame instanceof Data data && data.correlation() == held) {
          try {
            release.await(); // a bank that does not read: the write waits
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        handedOn.add(Thread.currentThread().getName());
      }
    };
    NodeLinkServer server = server(0);
    NodeLinkClient client = connectedEdge(server, application);
    for (int i = 0; i < warm; i++) {
      assertTrue(server.send(data(i, "node")));
    }
    Poll.until("the first frames handed over", () -> handedOn.size() == warm);
    assertTrue(handedOn.stream().allMatch(name -> name.equals("node-link-A-delivery")),
        "cold: every frame on the delivery thread");

    // One at a time, each once the last is handed over: the first may still find the delivery
    // thread finishing the warm frames' count, the next ones find it idle.
    int sent = warm;
    for (int tries = 0; tries < 5 && !handedOn.getLast().equals("node-link-A-connection"); tries++) {
      assertTrue(server.send(data(sent++, "node")));
      int expected = sent;
      Poll.until("frame " + (expected - 1) + " handed over", () -> handedOn.size() == expected);
    }
    assertEquals("node-link-A-connection", handedOn.getLast(), "warm and idle: on the reader");

    assertTrue(server.send(data(held, "node")));
    long heldSince = System.nanoTime();
    long interval = BEATING.heartbeatInterval().toNanos();
    Poll.until("six heartbeat intervals with the reader held", () -> System.nanoTime() - heldSince > 6 * interval);
    assertEquals(NodeState.UP, client.state(), client.stateReason());
    assertTrue(edge.changes.stream().allMatch(change -> change.to() == NodeState.UP), edge.changes.toString());

    release.countDown();
    assertTrue(server.send(data(held + 1, "node")));
    int handed = sent + 2;
    Poll.until("the held frame and the one after it handed over", () -> handedOn.size() == handed);
    Poll.until("heartbeats answered again", () -> client.lastAckAgeMillis() < 2 * BEATING.heartbeatInterval().toMillis());
    assertEquals(NodeState.UP, client.state());
  }

  static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The state reached, and told to this test's listener (which hears of it just after). */
  private void awaitState(NodeLinkClient client, NodeState state) {
    Poll.until("node " + state + " (now " + client.state() + ": " + client.stateReason() + ")",
        () -> client.state() == state && !edge.changes.isEmpty() && edge.last().to() == state);
  }

  private NodeLinkServer server(int port) throws IOException {
    NodeLinkServer server = new NodeLinkServer("A", loopback(port), FAST.maxFrameBytes(), THREADS,
        node);
    cleanup.add(server);
    server.start();
    return server;
  }

  private NodeLinkClient client(int port) {
    return client(port, FAST);
  }

  private NodeLinkClient client(int port, LinkSettings settings) {
    NodeLinkClient client = new NodeLinkClient("A", loopback(port), "edge", settings, THREADS,
        edge);
    cleanup.add(client);
    client.start();
    return client;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
