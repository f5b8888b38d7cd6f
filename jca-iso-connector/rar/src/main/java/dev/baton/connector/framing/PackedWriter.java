package dev.baton.connector.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * Writes messages packed elsewhere on one jPOS channel: each one's length prefix, header, and
 * bytes; then flushes, unless the writer sends several and flushes them together.
 *
 * <p>Writers do not wait for each other: a message joins the channel's queue, and the thread that
 * finds the channel's output free writes everything queued, its own and what came while it wrote,
 * with one flush. A writer that finds the output taken leaves its message to the thread holding
 * it, which looks at the queue again after letting go. (On the edge the readers of both node
 * links write to the same bank sessions, and with each waiting for the other's system call they
 * parked behind one another about once every hundred authorizations, a sleep and a wake-up of a
 * thread each time.) The channel's own jPOS writes ({@code send(ISOMsg)}, for the adapter's own
 * answers) take the output lock as jPOS does; the channel then calls {@link #sendQueued} after
 * them, for what was left to them meanwhile. Once {@link #QUEUE_LIMIT_BYTES} wait in the queue
 * (a bank that stopped reading), a writer waits for the output as it would behind a lock, so the
 * queue stops growing and the session's write watch sees the stuck write.
 */
final class PackedWriter {

  /** The channel's own way of writing a length prefix. */
  @FunctionalInterface
  interface LengthPrefix {
    void write(int length) throws IOException;
  }

  /** The channel's output, read when writing: jPOS replaces it with each connection. */
  @FunctionalInterface
  interface Output {
    OutputStream stream();
  }

  private final Lock outLock;
  private final LengthPrefix prefix;
  private final Output out;
  private final ConcurrentLinkedQueue<byte[]> queued = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();

  /** Above this many bytes queued a writer waits for the output instead of leaving its message. */
  static final long QUEUE_LIMIT_BYTES = 1 << 20;

  PackedWriter(Lock outLock, LengthPrefix prefix, Output out) {
    this.outLock = outLock;
    this.prefix = prefix;
    this.out = out;
  }

  /**
   * Queues a message and, with {@code flush}, sends it (or leaves it to the thread sending now).
   *
   * @throws IOException when the connection is closed, or this thread's write failed (what it
   *     carried, its own message or others', is lost with the connection, as bytes in a socket's
   *     buffer are)
   */
  void write(boolean connected, byte[] header, byte[] packed, boolean flush) throws IOException {
    if (!connected) {
      throw new IOException("the connection is closed");
    }
    queued.add(packed);
    boolean over = queuedBytes.addAndGet(packed.length) > QUEUE_LIMIT_BYTES;
    if (flush || over) {
      sendQueued(header, over);
    }
  }

  /** Sends what is queued; a closed connection has nothing left to send. */
  void flush(boolean connected, byte[] header) throws IOException {
    if (connected) {
      sendQueued(header, false);
    }
  }

  /**
   * Writes and flushes everything queued, unless another thread holds the output: that one then
   * does (see the class comment). A message queued just as the writer lets go is thus written by
   * one of the two, never by neither.
   */
  void sendQueued(byte[] header) throws IOException {
    sendQueued(header, false);
  }

  /** As {@link #sendQueued(byte[])}; with {@code wait}, waits for the output if it is taken. */
  private void sendQueued(byte[] header, boolean wait) throws IOException {
    int headerLength = header == null ? 0 : header.length;
    while (!queued.isEmpty()) {
      if (wait) {
        outLock.lock();
      } else if (!outLock.tryLock()) {
        return;
      }
      try {
        OutputStream stream = out.stream();
        for (byte[] packed = queued.poll(); packed != null; packed = queued.poll()) {
          queuedBytes.addAndGet(-packed.length);
          prefix.write(packed.length + headerLength);
          if (headerLength > 0) {
            stream.write(header);
          }
          stream.write(packed);
        }
        stream.flush();
      } finally {
        outLock.unlock();
      }
    }
  }

  /** The bytes of messages queued and not yet written to the output. */
  long queuedBytes() {
    return queuedBytes.get();
  }
}
