package dev.baton.link;

import dev.baton.link.Frame.Heartbeat;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The edge's link to one processing node: keeps a connection open, reconnecting with backoff
 * whenever it is lost, and judges the node {@link NodeState#UP}, {@link NodeState#SUSPECT} or
 * {@link NodeState#DOWN} from heartbeats. Two threads from the given factory: the connection
 * thread (connects, exchanges HELLO, reads) and the heartbeat thread. A connection whose
 * heartbeats go unanswered stays open even when the node is DOWN: a node paused by its garbage
 * collector comes back, and its connection with it.
 *
 * <p>State changes happen under one lock and reach the {@link LinkListener} one at a time, in
 * order, on the thread that caused them.
 */
public final class NodeLinkClient implements AutoCloseable {

  private static final Logger LOG = System.getLogger(NodeLinkClient.class.getName());
  private static final Duration JOIN_DEADLINE = Duration.ofSeconds(2);
  /** Frames read and not yet handed to the listener before the reader waits. */
  static final int DELIVERY_CAPACITY = 65_536;

  private final String nodeId;
  /** "node link A": the link's name in logs and errors, joined once rather than at every send. */
  private final String name;
  private final InetSocketAddress address;
  private final LinkSettings settings;
  private final ThreadFactory threads;
  private final LinkListener listener;
  private final NodeConnector connector;
  private final FrameDelivery delivery;
  private final AtomicBoolean started = new AtomicBoolean();
  private final List<Thread> running = new CopyOnWriteArrayList<>();
  private final Object stateLock = new Object();
  // Written under stateLock; read without it by send() and the accessors.
  private volatile NodeConnection current;
  private volatile NodeState state = NodeState.DOWN;
  private volatile String stateReason = "not started";
  private volatile boolean answeredEver;
  private volatile long lastAnswerNanos;
  private volatile long lastRoundTripNanos = -1;
  private volatile Thread heartbeatThread;

  /**
   * @param nodeId the node, in logs and listener calls: "A", "B"
   * @param address where the node's {@link NodeLinkServer} listens
   * @param ownName this edge's name, sent in its HELLO
   * @param threads makes the link's two threads
   * @param listener told of state changes and of the node's frames
   */
  public NodeLinkClient(String nodeId, InetSocketAddress address, String ownName,
      LinkSettings settings, ThreadFactory threads, LinkListener listener) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.name = "node link " + nodeId;
    this.address = Objects.requireNonNull(address, "address");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.connector = new NodeConnector(this, Objects.requireNonNull(ownName, "ownName"));
    this.delivery = new FrameDelivery("node link " + nodeId, DELIVERY_CAPACITY,
        frame -> listener.onFrame(nodeId, frame), new FrameDelivery.HeldWrites() {
          @Override
          public void hold() {
            listener.holdWrites(nodeId);
          }

          @Override
          public void flush() {
            listener.flushWrites(nodeId);
          }
        });
  }

  /** Starts connecting in the background and returns at once. */
  public void start() {
    if (connector.isClosed()) {
      throw new IllegalStateException("node link " + nodeId + " is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("node link " + nodeId + " is already started");
    }
    delivery.start(threads, "node-link-" + nodeId + "-delivery", running);
    heartbeatThread = LinkThreads.start(threads, "node-link-" + nodeId + "-heartbeat",
        this::beatWhileOpen, running);
    LinkThreads.start(threads, "node-link-" + nodeId + "-connection", connector, running);
  }

  /**
   * Sends a {@link Frame.Data}, {@link Frame.Refused} or {@link Frame.Control} to the node;
   * thread-safe. Sends whenever a connection is open, whatever the state: choosing a node by its
   * state is the caller's business.
   *
   * @return false when there is no connection, when the write failed (the connection is then
   *     closed and a new one follows), or when the frame is over the maximum frame size
   * @throws IllegalArgumentException for a HELLO or heartbeat frame, which the link sends itself
   */
  public boolean send(Frame frame) {
    LinkConnection.requireApplicationFrame(frame);
    NodeConnection connection = current;
    return connection != null && connection.send(frame, name);
  }

  public NodeState state() {
    return state;
  }

  /** Why the node is in its current state: the reason given with the last state change. */
  public String stateReason() {
    return stateReason;
  }

  /** Why the last connection attempt failed or the last connection ended; null if none has. */
  public String lastFailure() {
    return connector.lastFailure();
  }

  /** Milliseconds since the node last answered a heartbeat, or Long.MAX_VALUE if it never has. */
  public long lastAckAgeMillis() {
    return answeredEver ? (System.nanoTime() - lastAnswerNanos) / 1_000_000 : Long.MAX_VALUE;
  }

  /** The round trip of the last heartbeat answered, in nanoseconds, or -1 if none has been. */
  public long lastRoundTripNanos() {
    return lastRoundTripNanos;
  }

  /** Whether a connection is open and has completed its HELLO exchange. */
  public boolean connected() {
    NodeConnection connection = current;
    return connection != null && !connection.link().isClosed();
  }

  /** Frames refused as not node-link frames, over all connections. */
  public long protocolErrors() {
    return connector.protocolErrors();
  }

  /**
   * Closes the current connection, if any; the client reconnects as after any lost connection.
   * For an operator who suspects a stale connection, and for tests.
   */
  public void dropConnection(String reason) {
    NodeConnection connection = current;
    if (connection != null && connection.link().close("dropped: " + reason)) {
      LOG.log(Level.INFO, "node link {0} ({1}): dropping the connection: {2}", nodeId, address,
          reason);
    }
  }

  /** Closes the connection, stops both threads (waiting a bounded time for them), DOWN. */
  @Override
  public void close() {
    boolean closing = connector.close(() -> {
      NodeConnection connection = current;
      if (connection != null) {
        connection.link().closeAnnounced("link closed"); // the node hears why
      }
    });
    if (!closing) {
      return;
    }
    Thread heartbeat = heartbeatThread;
    if (heartbeat != null) {
      LockSupport.unpark(heartbeat);
    }
    delivery.close();
    LinkThreads.join(running, JOIN_DEADLINE, "node link " + nodeId);
    synchronized (stateLock) {
      current = null;
      moveTo(NodeState.DOWN, "link closed");
    }
  }

  String nodeId() {
    return nodeId;
  }

  InetSocketAddress address() {
    return address;
  }

  LinkSettings settings() {
    return settings;
  }

  /** A connection completed its HELLO: the heartbeat thread starts on it at once. */
  void opened(NodeConnection connection) {
    synchronized (stateLock) {
      current = connection;
    }
    Thread heartbeat = heartbeatThread;
    if (heartbeat != null) {
      LockSupport.unpark(heartbeat);
    }
  }

  /** The connection ended: DOWN, for the reason the connection thread found. */
  void ended(NodeConnection connection, String reason) {
    synchronized (stateLock) {
      if (current == connection) {
        current = null;
      }
      moveTo(NodeState.DOWN, reason);
    }
  }

  /**
   * The node answered a heartbeat. An answer that leaves none unanswered makes the node UP at
   * once; every other judgement is the heartbeat thread's, before each heartbeat. Letting a late
   * answer make the node SUSPECT as well would flap a node whose round trip is near the interval
   * between UP and SUSPECT at every heartbeat.
   */
  void answered(NodeConnection connection, Frame.HeartbeatAck ack) {
    long now = System.nanoTime();
    synchronized (stateLock) {
      Heartbeats heartbeats = connection.heartbeats();
      if (current != connection || !heartbeats.answered(ack.sequence())) {
        LOG.log(Level.DEBUG, "node link {0}: ignoring an answer to heartbeat {1}, never sent on "
            + "this connection", nodeId, ack.sequence());
        return;
      }
      lastAnswerNanos = now;
      lastRoundTripNanos = now - ack.sentAtNanos();
      answeredEver = true;
      if (heartbeats.state() == NodeState.UP && state != NodeState.UP) {
        moveTo(NodeState.UP, heartbeats.reasonFor(NodeState.UP));
      }
    }
  }

  /**
   * A DATA, REFUSED or CONTROL from the node, read on the connection thread: handed to the
   * listener here when it {@linkplain LinkListener#takesAtOnce takes it at once}; a DATA, when
   * no more bytes wait to be read and the delivery thread has nothing queued or in hand, handed
   * over here too (an answer for a bank then costs no wake-up of another thread; see {@link
   * FrameDelivery}); otherwise queued for the delivery thread, which hands frames to the listener
   * in order. While the reader hands a frame over, or waits for room in the queue, its heartbeats
   * count the node alive (see {@link Heartbeats}).
   */
  void deliver(Frame frame, boolean moreToRead, Heartbeats heartbeats) {
    if (listener.takesAtOnce(nodeId, frame)) {
      try {
        listener.onFrame(nodeId, frame);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.ERROR, "node link {0}: the listener failed on {1}, reading on: {2}", nodeId, frame, e.toString());
      }
      return;
    }
    heartbeats.readerBusy(System.nanoTime());
    try {
      delivery.deliver(frame, moreToRead || !(frame instanceof Frame.Data));
    } finally {
      heartbeats.readerReading();
    }
  }

  /** Frames read from the node that the listener has not had yet. */
  public int deliveryBacklog() {
    return delivery.backlog();
  }

  /**
   * The heartbeat thread: on each connection, a heartbeat at once and then every interval, each
   * preceded by judging the node from the heartbeats still unanswered.
   */
  private void beatWhileOpen() {
    long interval = settings.heartbeatInterval().toNanos();
    NodeConnection beating = null;
    long next = 0;
    while (!connector.isClosed()) {
      NodeConnection connection = current;
      long now = System.nanoTime();
      if (connection != null && (connection != beating || now - next >= 0)) {
        beating = connection;
        next = now + interval;
        beat(connection, now);
      }
      // Woken early by opened() and close(); a spurious wake-up only goes round the loop.
      long wait = connection == null ? interval : next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
      }
    }
  }

  private void beat(NodeConnection connection, long now) {
    long sequence;
    synchronized (stateLock) {
      if (current != connection) {
        return;
      }
      Heartbeats heartbeats = connection.heartbeats();
      heartbeats.takeFramesRead(now);
      NodeState to = heartbeats.state();
      if (to != state) {
        moveTo(to, heartbeats.reasonFor(to));
      }
      sequence = heartbeats.next();
    }
    try {
      connection.link().write(new Heartbeat(sequence, now));
    } catch (IOException e) {
      // The connection thread sees the socket close and reports the connection ended.
      connection.link().close("heartbeat not written: " + e.getMessage());
    }
  }

  /** Changes the state and tells the listener; the caller holds stateLock. */
  private void moveTo(NodeState to, String reason) {
    NodeState from = state;
    if (from == to) {
      return;
    }
    state = to;
    stateReason = reason;
    // Closed by this side (the edge stopping): no incident.
    Level level = to == NodeState.UP || connector.isClosed() ? Level.INFO : Level.WARNING;
    LOG.log(level, "node link {0} ({1}): {2} -> {3}: {4}", nodeId, address, from, to, reason);
    try {
      listener.onState(nodeId, from, to, reason);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "node link {0}: the listener failed on {1} -> {2}: {3}", nodeId,
          from, to, e.toString());
    }
  }
}
