package dev.baton.link;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import dev.baton.link.Frame.Refused;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection thread of a {@link NodeLinkClient}: connects, exchanges HELLO, reads until the
 * connection ends, waits its backoff, and again, until the client closes. Every failure is turned
 * into a short reason here, because it becomes the reason of a state change an operator reads.
 */
final class NodeConnector implements Runnable {

  private static final Logger LOG = System.getLogger(NodeConnector.class.getName());

  private final NodeLinkClient client;
  private final String ownName;
  private final String owner;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicLong protocolErrors = new AtomicLong();
  // The socket being connected, so that close() can abort a connect or a HELLO in progress.
  private volatile Socket socket;
  private volatile String lastFailure;

  NodeConnector(NodeLinkClient client, String ownName) {
    this.client = client;
    this.ownName = ownName;
    this.owner = "node link " + client.nodeId();
  }

  @Override
  public void run() {
    LinkSettings settings = client.settings();
    Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    boolean failing = false;
    while (!isClosed()) {
      NodeConnection connection;
      try {
        connection = connect(settings);
      } catch (IOException | RuntimeException e) {
        if (isClosed()) {
          return;
        }
        String reason = e instanceof IOException ? e.getMessage() : e.toString();
        lastFailure = reason;
        Duration wait = backoff.next();
        // A node down for an hour would otherwise log every two seconds.
        LOG.log(failing ? Level.DEBUG : Level.WARNING, "{0} ({1}): {2}; trying again in {3} ms",
            owner, client.address(), reason, wait.toMillis());
        failing = true;
        if (awaitClosed(wait)) {
          return;
        }
        continue;
      }
      backoff.reset();
      failing = false;
      client.opened(connection);
      String reason = readUntilEnd(connection);
      connection.link().close(reason);
      reason = connection.link().closeReasonOr(reason);
      lastFailure = reason;
      client.ended(connection, reason);
      if (isClosed()) {
        return;
      }
      Duration wait = backoff.next();
      LOG.log(Level.INFO, "{0} ({1}): connection ended: {2}; reconnecting in {3} ms", owner,
          client.address(), reason, wait.toMillis());
      if (awaitClosed(wait)) {
        return;
      }
    }
  }

  /** Stops the loop and aborts a connect in progress; false when already closed. */
  boolean close() {
    return close(() -> {});
  }

  /**
   * As {@link #close()}, running {@code beforeAbort} once the loop can no longer reconnect and
   * before the socket is closed under it: where the client closes its connection announced.
   */
  boolean close(Runnable beforeAbort) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    closed.countDown();
    beforeAbort.run();
    Socket connecting = socket;
    if (connecting != null) {
      closeQuietly(connecting);
    }
    return true;
  }

  boolean isClosed() {
    return closing.get();
  }

  String lastFailure() {
    return lastFailure;
  }

  long protocolErrors() {
    return protocolErrors.get();
  }

  /**
   * A connected socket that has exchanged HELLO, or an IOException whose message says why not.
   */
  private NodeConnection connect(LinkSettings settings) throws IOException {
    int timeout = (int) settings.connectTimeout().toMillis();
    Socket connecting = new Socket();
    socket = connecting;
    if (isClosed()) {
      closeQuietly(connecting);
      throw new IOException("link closed");
    }
    try {
      connecting.connect(client.address(), timeout);
    } catch (SocketTimeoutException e) {
      throw failed(connecting, "connect timed out after " + timeout + " ms", e);
    } catch (ConnectException e) {
      throw failed(connecting, "connection refused: " + e.getMessage(), e);
    } catch (UnknownHostException e) {
      throw failed(connecting, "unknown host " + client.address().getHostString(), e);
    } catch (IOException e) {
      throw failed(connecting, "cannot connect: " + e.getMessage(), e);
    }
    try {
      LinkConnection link = new LinkConnection(connecting, settings.maxFrameBytes());
      link.readTimeout(settings.connectTimeout());
      link.write(new Hello(FrameCodec.PROTOCOL_VERSION, Hello.EDGE, ownName));
      Hello hello = awaitHello(link, timeout);
      link.readTimeout(Duration.ZERO);
      if (!hello.name().equals(client.nodeId())) {
        LOG.log(Level.WARNING, "{0} ({1}): the node introduced itself as {2}; check the "
            + "configured address", owner, client.address(), hello.name());
      }
      LOG.log(Level.INFO, "{0} ({1}): connected to node {2}", owner, client.address(),
          hello.name());
      return new NodeConnection(link, new Heartbeats(settings.missesToDown()));
    } catch (IOException | RuntimeException e) {
      closeQuietly(connecting);
      throw e;
    }
  }

  private Hello awaitHello(LinkConnection link, int timeout) throws IOException {
    try {
      Frame answer = link.read();
      if (answer == null) {
        throw new IOException("closed by peer during HELLO");
      }
      if (!(answer instanceof Hello hello)) {
        throw new LinkProtocolException("expected HELLO from the node, got "
            + FrameCodec.typeName(answer));
      }
      if (hello.version() != FrameCodec.PROTOCOL_VERSION) {
        throw new LinkProtocolException("node " + hello.name() + " speaks node-link version "
            + hello.version() + ", this edge speaks version " + FrameCodec.PROTOCOL_VERSION);
      }
      if (!Hello.NODE.equals(hello.role())) {
        throw new LinkProtocolException("the peer introduced itself as role " + hello.role()
            + ", not " + Hello.NODE);
      }
      return hello;
    } catch (SocketTimeoutException e) {
      throw new IOException("no HELLO from the node within " + timeout + " ms", e);
    } catch (LinkProtocolException e) {
      protocolErrors.incrementAndGet();
      throw new IOException("protocol error: " + e.getMessage(), e);
    }
  }

  /** Reads the node's frames until the connection ends; returns why it ended. */
  private String readUntilEnd(NodeConnection connection) {
    LinkConnection link = connection.link();
    String announced = null;
    try {
      for (Frame frame = link.read(); frame != null; frame = link.read()) {
        switch (frame) {
          case HeartbeatAck ack -> client.answered(connection, ack);
          // The node sends none today; answering keeps the protocol symmetric.
          case Heartbeat beat -> link.write(new HeartbeatAck(beat.sequence(), beat.sentAtNanos()));
          case Hello _ -> throw new LinkProtocolException("HELLO again after the handshake");
          case Data _, Refused _, Control _ -> {
            connection.heartbeats().frameRead();
            String closing = LinkConnection.closingReason(frame);
            if (closing != null) {
              // The node is stopping: it goes DOWN all the same (its banks must move), said why.
              announced = "closed by the node: " + closing;
            } else {
              client.deliver(frame, link.moreToRead(), connection.heartbeats());
            }
          }
        }
      }
      return link.closeReasonOr(announced != null ? announced : "closed by peer");
    } catch (LinkProtocolException e) {
      protocolErrors.incrementAndGet();
      LOG.log(Level.WARNING, "{0} ({1}): protocol error, closing the connection: {2}", owner,
          client.address(), e.getMessage());
      return "protocol error: " + e.getMessage();
    } catch (IOException e) {
      // close() may have closed the socket before the connection was known: "Socket closed".
      return link.closeReasonOr(isClosed() ? "link closed" : "connection lost: " + e.getMessage());
    }
  }

  /** Waits out a backoff; true when the client closed meanwhile. */
  private boolean awaitClosed(Duration wait) {
    try {
      return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static IOException failed(Socket socket, String reason, IOException cause) {
    closeQuietly(socket);
    return new IOException(reason, cause);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
  }
}
