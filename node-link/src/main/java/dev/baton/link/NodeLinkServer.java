package dev.baton.link;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A processing node's end of the node link: listens for edges, answers their HELLO and their
 * heartbeats itself, and passes their DATA, REFUSED and CONTROL frames to the
 * {@link ServerListener}. Several edges may be connected at once (one reconnecting while its old
 * connection has not yet timed out, or an active and a standby edge); {@link #send} goes to the
 * one that connected last. One accept thread, and one reader thread per connection, from the
 * given factory.
 */
public final class NodeLinkServer implements AutoCloseable {

  /**
   * How long an accepted connection may take to send its HELLO, so that a port scanner or a stuck
   * client does not hold a reader thread for ever. After the HELLO there is no read timeout: an
   * edge that stops sending is the edge's heartbeats' business, not the node's.
   */
  static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = System.getLogger(NodeLinkServer.class.getName());
  private static final Duration JOIN_DEADLINE = Duration.ofSeconds(2);
  // Accept fails again at once when, say, the process is out of file descriptors.
  private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);
  private static final int BACKLOG = 50;

  private final String name;
  private final InetSocketAddress bind;
  private final int maxFrameBytes;
  private final ThreadFactory threads;
  private final FrameDelivery delivery;
  private final ServerListener listener;
  private final String owner;
  private final Set<LinkConnection> open = ConcurrentHashMap.newKeySet();
  // Connections that completed their HELLO, the newest last.
  private final Deque<LinkConnection> peers = new ConcurrentLinkedDeque<>();
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong protocolErrors = new AtomicLong();
  private volatile ServerSocket serverSocket;
  private volatile boolean closed;
  private volatile boolean answerHeartbeats = true;

  /**
   * @param name this node's name, sent in its HELLO: "A", "B"
   * @param bind the address and port to listen on; port 0 takes a free one (see {@link #port()})
   * @param maxFrameBytes the largest frame length read or written, as the edge's
   *     {@link LinkSettings#maxFrameBytes()}
   * @param threads makes the accept thread and the reader threads
   */
  public NodeLinkServer(String name, InetSocketAddress bind, int maxFrameBytes,
      ThreadFactory threads, ServerListener listener) {
    this.name = Objects.requireNonNull(name, "name");
    this.bind = Objects.requireNonNull(bind, "bind");
    if (maxFrameBytes < LinkSettings.MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least "
          + LinkSettings.MIN_FRAME_BYTES + ": " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    this.threads = Objects.requireNonNull(threads, "threads");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.owner = "node link server " + name;
    this.delivery = new FrameDelivery(owner, NodeLinkClient.DELIVERY_CAPACITY, listener::onFrame);
  }

  /**
   * Binds (with SO_REUSEADDR, so that a restarted node gets its port back while old connections
   * linger in TIME_WAIT) and starts accepting.
   *
   * @throws IOException when the port cannot be bound, naming it
   */
  public synchronized void start() throws IOException {
    if (closed || serverSocket != null) {
      throw new IllegalStateException(owner + " is already started or closed");
    }
    ServerSocket listening = new ServerSocket();
    try {
      listening.setReuseAddress(true);
      listening.bind(bind, BACKLOG);
    } catch (IOException e) {
      listening.close();
      throw new IOException(owner + ": cannot listen on port " + bind.getPort() + " of "
          + bind.getHostString() + ": " + e.getMessage(), e);
    }
    serverSocket = listening;
    delivery.start(threads, "node-link-server-" + name + "-delivery", running);
    LinkThreads.start(threads, "node-link-server-" + name + "-accept",
        () -> acceptUntilClosed(listening), running);
    LOG.log(Level.INFO, "{0}: listening on {1}", owner, listening.getLocalSocketAddress());
  }

  /** The port listened on, useful when bound to port 0. */
  public int port() {
    ServerSocket listening = serverSocket;
    if (listening == null) {
      throw new IllegalStateException(owner + " is not started");
    }
    return listening.getLocalPort();
  }

  /**
   * Sends a {@link Frame.Data}, {@link Frame.Refused} or {@link Frame.Control} to the edge that
   * connected last and is still connected; thread-safe.
   *
   * @return false when no edge is connected, when the write failed (that connection is then
   *     closed), or when the frame is over the maximum frame size
   * @throws IllegalArgumentException for a HELLO or heartbeat frame, which the link sends itself
   */
  public boolean send(Frame frame) {
    LinkConnection.requireApplicationFrame(frame);
    LinkConnection peer = peers.peekLast();
    return peer != null && peer.send(frame, owner);
  }

  /** Edges connected now that have completed their HELLO. */
  public int connections() {
    return peers.size();
  }

  /** Connections closed because they sent bytes that are not node-link frames. */
  public long protocolErrors() {
    return protocolErrors.get();
  }

  /**
   * For tests only: stop (false) or resume (true) answering heartbeats while keeping connections
   * open, as a node frozen by a long garbage collection would look to the edge.
   */
  void answerHeartbeats(boolean answer) {
    this.answerHeartbeats = answer;
  }

  /** Stops accepting, closes every connection, and waits a bounded time for the threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    ServerSocket listening = serverSocket;
    if (listening != null) {
      try {
        listening.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "{0}: closing the listening socket failed: {1}", owner,
            e.getMessage());
      }
    }
    for (LinkConnection connection : List.copyOf(open)) {
      connection.closeAnnounced("server closed");
    }
    delivery.close();
    LinkThreads.join(running, JOIN_DEADLINE, owner);
    LOG.log(Level.INFO, "{0}: closed", owner);
  }

  String name() {
    return name;
  }

  String owner() {
    return owner;
  }

  boolean answersHeartbeats() {
    return answerHeartbeats;
  }

  void protocolError() {
    protocolErrors.incrementAndGet();
  }

  /** An edge completed its HELLO: it becomes the one {@link #send} writes to. */
  void connected(LinkConnection connection, String peerName) {
    peers.addLast(connection);
    LOG.log(Level.INFO, "{0}: edge {1} connected from {2}", owner, peerName, connection.peer());
    try {
      listener.onConnected(peerName);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: the listener failed on edge {1} connecting: {2}", owner,
          peerName, e.toString());
    }
  }

  /**
   * A DATA, REFUSED or CONTROL from an edge, read on its connection's reader: queued for the
   * delivery thread, which hands it to the listener in order, so the reader answers heartbeats at
   * once however busy the node is; when the listener {@linkplain ServerListener#takesAtOnce takes
   * it at once}, handed over here; and when the delivery thread has nothing left and {@code
   * moreToRead} is false, handed over here as well, in its turn (the reader passes true for
   * frames whose handling may take long, CONTROL and REFUSED, so that only an authorization's
   * DATA, handled in memory, holds the reader from the next heartbeat).
   */
  void deliver(Frame frame, boolean moreToRead) {
    if (listener.takesAtOnce(frame)) {
      try {
        listener.onFrame(frame);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.ERROR, "{0}: the listener failed on {1}, reading on: {2}", owner, frame, e.toString());
      }
      return;
    }
    delivery.deliver(frame, moreToRead);
  }

  /**
   * Queues a frame for the listener again, behind those read meanwhile: one the application set
   * aside until it could handle it. Waits while the queue is full.
   *
   * @return false when the server is closed (the frame is not delivered)
   */
  public boolean redeliver(Frame frame) {
    return delivery.offer(frame);
  }

  /** Frames read from edges that the listener has not had yet. */
  public int deliveryBacklog() {
    return delivery.backlog();
  }

  /**
   * A connection's reader is ending: forgets the connection, closes it, and tells the listener if
   * it had completed its HELLO ({@code peerName} not null); {@code announced} when the edge said
   * it was closing.
   */
  void ended(LinkConnection connection, String peerName, String reason, boolean announced) {
    try {
      peers.remove(connection);
      connection.close(reason);
      open.remove(connection);
      if (peerName == null) {
        LOG.log(Level.INFO, "{0}: connection from {1} ended before its HELLO: {2}", owner,
            connection.peer(), reason);
        return;
      }
      LOG.log(Level.INFO, "{0}: edge {1} at {2} disconnected: {3}", owner, peerName,
          connection.peer(), reason);
      listener.onDisconnected(peerName, reason, announced);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "{0}: the listener failed on edge {1} disconnecting: {2}", owner,
          peerName, e.toString());
    } finally {
      // Last, so that close() waits for the listener's call too.
      running.remove(Thread.currentThread());
    }
  }

  private void acceptUntilClosed(ServerSocket listening) {
    while (!closed) {
      Socket socket;
      try {
        socket = listening.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        LOG.log(Level.WARNING, "{0}: accept failed: {1}", owner, e.getMessage());
        LockSupport.parkNanos(ACCEPT_RETRY.toNanos());
        continue;
      }
      LinkConnection connection;
      try {
        connection = new LinkConnection(socket, maxFrameBytes);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "{0}: connection from {1} unusable: {2}", owner,
            socket.getRemoteSocketAddress(), e.getMessage());
        closeQuietly(socket);
        continue;
      }
      open.add(connection);
      // close() may have run between accept and add, missing this connection.
      if (closed) {
        open.remove(connection);
        connection.close("server closed");
        return;
      }
      try {
        LinkThreads.start(threads, "node-link-server-" + name + "-reader " + connection.peer(),
            new EdgeConnection(this, connection), running);
      } catch (RuntimeException e) {
        open.remove(connection);
        connection.close("no reader thread");
        LOG.log(Level.WARNING, "{0}: no reader thread for the connection from {1}, closed it: {2}",
            owner, connection.peer(), e.toString());
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
  }
}
