package dev.baton.link;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TCP connection of the link, on either side: frames in on the connection's one reader
 * thread, frames out from any thread, one whole frame at a time, each sent at once (the link
 * carries authorizations waiting for an answer, so nothing may sit in a buffer), unless the
 * writing thread {@linkplain #holdFlushes holds its flushes} because it writes more frames right
 * away: they then go in one system call and one segment, flushed when it is done ({@link
 * #flushHeld}). The first reason given to {@link #close} is kept, so that the reader, which sees
 * only "socket closed", can tell why the connection ended.
 *
 * <p>Writers do not wait for each other: a frame joins the connection's outgoing queue, and the
 * thread that finds no one writing writes every frame queued, its own and those that came while it
 * wrote, in as few system calls as the buffer allows. A writer that finds another writing leaves
 * its frame to it and goes on. (With a lock around each write, the bank sessions' readers on the
 * edge, all writing to the same two links, parked behind one another's system calls about once
 * every ten authorizations, and each park cost a sleep and a wake-up of a thread.)
 */
final class LinkConnection {

  private static final Logger LOG = System.getLogger(LinkConnection.class.getName());

  private final Socket socket;
  private final int maxFrameBytes;
  private final String peer;
  private final DataInputStream in;
  private final DataOutputStream out;
  /** Held by the one thread writing to the socket; others only ever try it. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Encoded frames waiting for the writing thread, in the order they were queued. */
  private final ConcurrentLinkedQueue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
  /** The bytes of the frames in {@link #outgoing}. */
  private final AtomicLong queuedBytes = new AtomicLong();

  /**
   * Above this many bytes queued, a writer waits for the socket as a writer behind a lock would:
   * a peer that reads slowly slows its senders (and through them the banks) instead of growing
   * the queue.
   */
  static final long QUEUE_LIMIT_BYTES = 1 << 20;
  private final AtomicReference<String> closeReason = new AtomicReference<>();

  /**
   * The connection a thread that {@linkplain #holdFlushes holds its flushes} wrote to and has not
   * flushed yet (an empty holder when none); absent on a thread that flushes every frame.
   */
  private static final ThreadLocal<LinkConnection[]> HELD = new ThreadLocal<>();

  /**
   * From now on the frames this thread writes stay in the connection's buffer (up to its size)
   * until {@link #flushHeld}; a write to another connection flushes the first. For a thread about
   * to write several frames at once, which it must flush before it waits for anything.
   */
  static void holdFlushes() {
    if (HELD.get() == null) {
      HELD.set(new LinkConnection[1]);
    }
  }

  /** Whether this thread holds its flushes now. */
  static boolean holdingFlushes() {
    return HELD.get() != null;
  }

  /** Flushes what this thread wrote since {@link #holdFlushes}, and flushes every frame again. */
  static void flushHeld() {
    LinkConnection[] held = HELD.get();
    if (held != null) {
      HELD.remove();
      if (held[0] != null) {
        held[0].flushQuietly();
      }
    }
  }

  /** Takes over a connected socket: TCP_NODELAY, buffered streams. */
  LinkConnection(Socket socket, int maxFrameBytes) throws IOException {
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
    this.peer = String.valueOf(socket.getRemoteSocketAddress());
    // Heartbeats are a few dozen bytes: Nagle would hold them back and fake a slow node.
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /** Refuses, as a programming error, frames that the link itself owns. */
  static void requireApplicationFrame(Frame frame) {
    if (!(frame instanceof Frame.Data || frame instanceof Frame.Refused
        || frame instanceof Frame.Control)) {
      throw new IllegalArgumentException("the link sends its own " + FrameCodec.typeName(frame)
          + " frames; applications send DATA, REFUSED and CONTROL");
    }
  }

  /** Whether bytes of another frame have arrived already (buffered here or in the socket). */
  boolean moreToRead() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return false; // the next read reports what happened
    }
  }

  /** The next frame, or null when the peer closed the connection between frames. */
  Frame read() throws IOException {
    return FrameCodec.read(in, maxFrameBytes);
  }

  /**
   * Writes one frame and sends it, or leaves it to the thread writing now, which sends it with its
   * own (see the class comment). Encodes before queueing, so that writers share only the copy to
   * the socket. On a thread that holds its flushes the frame waits for {@link #flushHeld} (or for
   * another thread's write, which takes it along).
   *
   * @throws IllegalArgumentException when the frame cannot be encoded or is over the maximum frame
   *     size, which the peer would refuse: nothing is written and the connection stays open
   * @throws IOException when this thread's write to the socket failed (the frames it carried, its
   *     own or others', are lost with the connection, as bytes in a socket's buffer are)
   */
  void write(Frame frame) throws IOException {
    byte[] bytes = FrameCodec.encode(frame);
    int length = bytes.length - 4;
    if (length > maxFrameBytes) {
      throw new IllegalArgumentException(FrameCodec.typeName(frame) + " frame of " + length
          + " bytes is over the maximum of " + maxFrameBytes);
    }
    outgoing.add(bytes);
    boolean over = queuedBytes.addAndGet(bytes.length) > QUEUE_LIMIT_BYTES;
    LinkConnection[] held = HELD.get();
    if (held == null || over) {
      sendQueued(over);
      return;
    }
    if (held[0] != this) {
      LinkConnection before = held[0];
      held[0] = this;
      if (before != null) {
        before.flushQuietly();
      }
    }
  }

  /**
   * Writes what is queued, unless another thread is writing: that one then writes it too, since it
   * looks at the queue again after letting go of the socket. A frame queued just as the writer
   * lets go is thus written by one of the two, never by neither. With {@code wait} (the queue over
   * its limit) the thread waits for the socket instead of leaving its frame to the writer.
   */
  private void sendQueued(boolean wait) throws IOException {
    while (!outgoing.isEmpty()) {
      if (wait) {
        writeLock.lock();
      } else if (!writeLock.tryLock()) {
        return;
      }
      try {
        writeQueued();
        out.flush();
      } finally {
        writeLock.unlock();
      }
    }
  }

  /** Writes every frame queued to the socket's buffer, in order; under {@link #writeLock}. */
  private void writeQueued() throws IOException {
    for (byte[] bytes = outgoing.poll(); bytes != null; bytes = outgoing.poll()) {
      queuedBytes.addAndGet(-bytes.length);
      out.write(bytes);
    }
  }

  /** Sends what is queued; a failure closes the connection, whose reader then reports it. */
  private void flushQuietly() {
    try {
      sendQueued(false);
    } catch (IOException e) {
      if (close("write failed: " + e.getMessage())) {
        LOG.log(Level.WARNING, "connection to {0}: flush failed, closing the connection: {1}", peer, e.getMessage());
      }
    }
  }

  /**
   * Writes an application's frame, answering false rather than throwing: for the caller a lost
   * connection is an everyday event, to be met by another node or a refusal. A failed write
   * closes the connection, whose reader then reports it ended.
   *
   * @param owner the link, for the log line: "node link A"
   */
  boolean send(Frame frame, String owner) {
    try {
      write(frame);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "{0} ({1}): {2} not sent: {3}", owner, peer, frame, e.getMessage());
      return false;
    } catch (IOException e) {
      if (close("write failed: " + e.getMessage())) {
        LOG.log(Level.WARNING, "{0} ({1}): write failed, closing the connection: {2}", owner,
            peer, e.getMessage());
      }
      return false;
    }
  }

  /**
   * How long a read may wait, zero for ever; used to bound the HELLO exchange. A read under a
   * timeout leaves the JDK's socket non-blocking for good, so every later wait for data costs a
   * read that finds nothing and a poll before the read that gets it. Bounding the HELLO with a
   * timer instead, the socket left blocking, saved the nodes those two calls (about 2 µs per
   * authorization) but made the answers to heartbeats late under load: 28 heartbeats missed and a
   * node declared DOWN in a minute at 8,000 to 12,000 TPS, against 2 missed with this timeout.
   */
  void readTimeout(Duration timeout) throws SocketException {
    socket.setSoTimeout((int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
  }

  /**
   * The CONTROL verb a side sends right before it closes the link on purpose (it is stopping), with
   * a {@code reason} attribute: the peer then reports the end as announced, not as a loss. The
   * link's readers take it; it never reaches the application.
   */
  static final String CLOSING = "CLOSING";

  /** How long {@link #closeAnnounced} waits for a writer busy with the socket. */
  private static final long ANNOUNCE_WAIT_MILLIS = 50;

  /** Whether {@code frame} is a peer's {@link #CLOSING}; its reason, or null. */
  static String closingReason(Frame frame) {
    return frame instanceof Frame.Control control && CLOSING.equals(control.verb())
        ? control.attributes().getOrDefault("reason", "no reason given")
        : null;
  }

  /**
   * Sends {@link #CLOSING} after whatever is queued, then closes the socket. The announcement is
   * skipped, never waited for, when the peer has stopped reading: a writer holding the socket past
   * a short wait (a write blocked on full buffers holds it), or the queue over its limit, mean a
   * write would block, and a close must not.
   */
  boolean closeAnnounced(String reason) {
    if (!isClosed() && queuedBytes.get() <= QUEUE_LIMIT_BYTES) {
      try {
        if (writeLock.tryLock(ANNOUNCE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
          try {
            writeQueued();
            out.write(FrameCodec.encode(new Frame.Control(CLOSING, Map.of("reason", reason))));
            out.flush();
          } finally {
            writeLock.unlock();
          }
        }
      } catch (IOException e) {
        // The peer is gone already: it will not hear the reason either way.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return close(reason);
  }

  /** Closes the socket; returns false when it was closed already, whose reason is then kept. */
  boolean close(String reason) {
    if (!closeReason.compareAndSet(null, reason)) {
      return false;
    }
    try {
      // A FIN first: closing with unread bytes (a heartbeat in flight) would send only a reset,
      // and the peer would report a lost connection instead of a closed one.
      socket.shutdownOutput();
    } catch (IOException e) {
      // Not connected or already shut: the close below is what matters.
    }
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that was asked; a socket that fails to close is closed enough.
    }
    return true;
  }

  /** The bytes of frames queued and not yet written to the socket. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  boolean isClosed() {
    return closeReason.get() != null;
  }

  /** The reason this side closed the connection with, or {@code otherwise} if it did not. */
  String closeReasonOr(String otherwise) {
    String reason = closeReason.get();
    return reason != null ? reason : otherwise;
  }

  /** The peer's address, for logs. */
  String peer() {
    return peer;
  }
}
