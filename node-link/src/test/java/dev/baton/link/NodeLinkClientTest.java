package dev.baton.link;

import static dev.baton.link.NodeLinkTest.FAST;
import static dev.baton.link.NodeLinkTest.THREADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge's client against nodes that misbehave. */
class NodeLinkClientTest {

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final RecordingLinkListener edge = new RecordingLinkListener();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
  }

  @Test
  void staysDownAgainstANodeSpeakingAnotherVersionAndSaysWhy() throws Exception {
    FakeNode future = node(peer -> {
      peer.read();
      peer.send(new Hello(2, "node", "A"));
      peer.closedByOtherSide();
    });

    NodeLinkClient client = client(future, FAST);

    Poll.until("a second attempt", () -> future.accepted.get() >= 2);
    assertEquals("protocol error: node A speaks node-link version 2, this edge speaks version 1",
        client.lastFailure());
    assertEquals(NodeState.DOWN, client.state());
    assertFalse(client.connected());
    assertTrue(client.protocolErrors() >= 1);
    assertEquals(List.of(), edge.changes);
  }

  @Test
  void dropsANodeSendingGarbageAndReconnects() throws Exception {
    FakeNode garbage = node(peer -> {
      peer.read();
      peer.send(new Hello(1, "node", "A"));
      peer.sendBytes(new byte[] {0, 0, 0, 1, 0x7F});
      peer.closedByOtherSide();
    });

    NodeLinkClient client = client(garbage, FAST);

    Poll.until("a second connection", () -> garbage.accepted.get() >= 2);
    Poll.until("the protocol error counted", () -> client.protocolErrors() >= 1);
    assertEquals("protocol error: unknown frame type 0x7f (frame length 1)",
        client.lastFailure());
  }

  @Test
  void givesUpOnANodeThatNeverAnswersHello() throws Exception {
    FakeNode silent = node(peer -> {
      peer.read();
      peer.closedByOtherSide();
    });
    LinkSettings impatient = new LinkSettings(FAST.heartbeatInterval(), FAST.missesToDown(),
        FAST.reconnectMin(), FAST.reconnectMax(), Duration.ofMillis(200), FAST.maxFrameBytes());

    NodeLinkClient client = client(silent, impatient);

    Poll.until("a HELLO given up", () -> client.lastFailure() != null);
    assertEquals("no HELLO from the node within 200 ms", client.lastFailure());
    assertFalse(client.connected());
  }

  @Test
  void introducesItselfAndAnswersTheNodesHeartbeats() throws Exception {
    List<Frame> fromEdge = new CopyOnWriteArrayList<>();
    FakeNode probing = node(peer -> {
      fromEdge.add(peer.read());
      peer.send(new Hello(1, "node", "A"));
      peer.send(new Heartbeat(99, 1234));
      for (Frame frame = peer.read(); frame != null; frame = peer.read()) {
        fromEdge.add(frame);
      }
    });

    client(probing, FAST);

    Poll.until("the heartbeat answered",
        () -> fromEdge.contains(new HeartbeatAck(99, 1234)));
    assertEquals(new Hello(1, "edge", "edge"), fromEdge.getFirst());
  }

  private FakeNode node(FakeNode.Script script) throws Exception {
    FakeNode node = new FakeNode(script);
    cleanup.add(node);
    return node;
  }

  private NodeLinkClient client(FakeNode node, LinkSettings settings) {
    NodeLinkClient client = new NodeLinkClient("A", node.address(), "edge", settings, THREADS,
        edge);
    cleanup.add(client);
    client.start();
    return client;
  }
}
