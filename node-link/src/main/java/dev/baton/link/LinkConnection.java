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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TCP connection of the link, on either side: frames in on the connection's one reader
 * thread, frames out from any thread, one whole frame at a time, each flushed at once (the link
 * carries authorizations waiting for an answer, so nothing may sit in a buffer), unless the
 * writing thread {@linkplain #holdFlushes holds its flushes} because it writes more frames right
 * away: they then go in one system call and one segment, flushed when it is done ({@link
 * #flushHeld}). The first reason given to {@link #close} is kept, so that the reader, which sees
 * only "socket closed", can tell why the connection ended.
 */
final class LinkConnection {

  private static final Logger LOG = System.getLogger(LinkConnection.class.getName());

  private final Socket socket;
  private final int maxFrameBytes;
  private final String peer;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final ReentrantLock writeLock = new ReentrantLock();
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
   * Writes and flushes one frame. Encodes before taking the lock, so that concurrent senders wait
   * only for each other's copy to the socket.
   *
   * @throws IllegalArgumentException when the frame cannot be encoded or is over the maximum frame
   *     size, which the peer would refuse: nothing is written and the connection stays open
   */
  void write(Frame frame) throws IOException {
    byte[] bytes = FrameCodec.encode(frame);
    int length = bytes.length - 4;
    if (length > maxFrameBytes) {
      throw new IllegalArgumentException(FrameCodec.typeName(frame) + " frame of " + length
          + " bytes is over the maximum of " + maxFrameBytes);
    }
    LinkConnection[] held = HELD.get();
    writeLock.lock();
    try {
      out.write(bytes);
      if (held == null) {
        out.flush();
      }
    } finally {
      writeLock.unlock();
    }
    if (held != null && held[0] != this) {
      LinkConnection before = held[0];
      held[0] = this;
      if (before != null) {
        before.flushQuietly();
      }
    }
  }

  /** Flushes what is buffered; a failure closes the connection, whose reader then reports it. */
  private void flushQuietly() {
    writeLock.lock();
    try {
      out.flush();
    } catch (IOException e) {
      if (close("write failed: " + e.getMessage())) {
        LOG.log(Level.WARNING, "connection to {0}: flush failed, closing the connection: {1}", peer, e.getMessage());
      }
    } finally {
      writeLock.unlock();
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
