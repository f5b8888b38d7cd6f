package dev.baton.link;

import static dev.baton.link.NodeLinkTest.FAST;
import static dev.baton.link.NodeLinkTest.THREADS;
import static dev.baton.link.NodeLinkTest.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's server against edges that behave and edges that do not. */
class NodeLinkServerTest {

  private static final Hello NODE_HELLO = new Hello(1, "node", "A");

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final RecordingServerListener node = new RecordingServerListener();
  private NodeLinkServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new NodeLinkServer("A", loopback(0), FAST.maxFrameBytes(), THREADS, node);
    cleanup.add(server);
    server.start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : cleanup.reversed()) {
      closeable.close();
    }
  }

  @Test
  void disconnectsAPeerSendingGarbageAndServesTheNextConnection() throws IOException {
    RawPeer garbage = peer();

    garbage.sendBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertTrue(garbage.closedByOtherSide());
    Poll.until("the protocol error counted", () -> server.protocolErrors() == 1);
    NodeLinkClient client = new NodeLinkClient("A", loopback(server.port()), "edge", FAST,
        THREADS, new RecordingLinkListener());
    cleanup.add(client);
    client.start();
    Poll.until("the client UP", () -> client.state() == NodeState.UP);
    assertEquals(List.of("edge"), node.connected, "no HELLO, no onConnected for the garbage");
    assertEquals(List.of(), node.disconnected);
  }

  @Test
  void disconnectsAnEdgeSendingAnUnknownFrameAfterItsHello() throws IOException {
    RawPeer edge = helloed("edge-1");

    edge.sendBytes(new byte[] {0, 0, 0, 1, 0x7F});

    assertTrue(edge.closedByOtherSide());
    Poll.until("the disconnection reported", () -> node.disconnected.size() == 1);
    assertEquals(List.of("edge-1: protocol error: unknown frame type 0x7f (frame length 1)"),
        node.disconnected);
    assertEquals(0, server.connections());
    assertEquals(1, server.protocolErrors());
  }

  @Test
  void answersAnotherVersionWithItsOwnHelloThenCloses() throws IOException {
    RawPeer future = peer();

    future.send(new Hello(2, "edge", "edge-next"));

    assertEquals(NODE_HELLO, future.read(), "the edge learns which version the node speaks");
    assertTrue(future.closedByOtherSide());
    Poll.until("the protocol error counted", () -> server.protocolErrors() == 1);
    assertEquals(List.of(), node.connected);
  }

  @Test
  void closesAConnectionFromAPeerThatIsNotAnEdge() throws IOException {
    RawPeer otherNode = peer();

    otherNode.send(new Hello(1, "node", "B"));

    assertEquals(NODE_HELLO, otherNode.read());
    assertTrue(otherNode.closedByOtherSide());
    assertEquals(List.of(), node.connected);
  }

  @Test
  void closesAConnectionWhoseFirstFrameIsNotHello() throws IOException {
    RawPeer rude = peer();

    rude.send(new Heartbeat(1, 1));

    assertNull(rude.read(), "closed without an answer");
    Poll.until("the protocol error counted", () -> server.protocolErrors() == 1);
  }

  @Test
  void answersHeartbeatsWithTheirFieldsUnchanged() throws IOException {
    RawPeer edge = helloed("edge");

    edge.send(new Heartbeat(7, -123_456_789L));

    assertEquals(new HeartbeatAck(7, -123_456_789L), edge.read());
  }

  @Test
  void sendsToTheEdgeThatConnectedLast() throws IOException {
    RawPeer older = helloed("edge-1");
    RawPeer newer = helloed("edge-2");
    Poll.until("two edges connected", () -> server.connections() == 2);

    assertTrue(server.send(new Control("FIRST")));
    assertEquals(new Control("FIRST"), newer.read());
    newer.close();
    Poll.until("the newer edge gone", () -> server.connections() == 1);
    assertTrue(server.send(new Control("SECOND")));

    assertEquals(new Control("SECOND"), older.read(), "the older edge never got FIRST");
  }

  @Test
  void sendsNothingWhenNoEdgeIsConnected() {
    assertFalse(server.send(new Control("ANYONE")));
  }

  @Test
  void reportsATakenPortByNumber() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      NodeLinkServer second = new NodeLinkServer("B", loopback(taken.getLocalPort()),
          FAST.maxFrameBytes(), THREADS, node);

      IOException refused = assertThrows(IOException.class, second::start);

      assertTrue(refused.getMessage().contains("port " + taken.getLocalPort()),
          refused.getMessage());
      second.close();
    }
  }

  @Test
  void closeDisconnectsEveryEdge() throws IOException {
    RawPeer edge = helloed("edge");

    server.close();

    assertEquals(new Control("CLOSING", Map.of("reason", "server closed")), edge.read(),
        "the node says it is closing before it does");
    assertTrue(edge.closedByOtherSide());
    assertEquals(List.of("edge: server closed"), node.disconnected);
    assertEquals(0, server.connections());
  }

  /** A raw edge that has completed its HELLO. */
  private RawPeer helloed(String name) throws IOException {
    RawPeer edge = peer();
    edge.send(new Hello(1, "edge", name));
    assertEquals(NODE_HELLO, edge.read());
    Poll.until(name + " connected", () -> node.connected.contains(name));
    return edge;
  }

  private RawPeer peer() throws IOException {
    RawPeer peer = RawPeer.connect(server.port());
    cleanup.add(peer);
    return peer;
  }
}
