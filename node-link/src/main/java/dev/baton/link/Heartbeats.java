package dev.baton.link;

/**
 * The heartbeats of one connection, and the node state they make. Heartbeats are numbered from 1
 * on each connection; the node answers them in order on one TCP stream, so an answer to
 * heartbeat k means the node is alive now, and only heartbeats sent after k are still in doubt.
 * The misses are therefore the heartbeats sent after the last one answered.
 *
 * <p>Any other frame read from the node proves it alive too. Under load its answers queue behind
 * the DATA frames it writes and the edge reads in order, and a node that was answering
 * authorizations all along was judged SUSPECT (its banks' requests held at the edge) and even DOWN
 * (its banks failed over) while its answers were a few hundred milliseconds late. So frames read
 * since the last judgement count as an answer to the heartbeat sent last before it: the misses are
 * the heartbeats sent after the last sign of life. A node that dies stops sending; once the edge
 * has read what was on its way, the misses count as before.
 *
 * <p>The reader may hand a DATA frame to the application itself (see {@link FrameDelivery}), and it
 * reads nothing meanwhile: an edge writing an answer to a bank whose receive window is full waits
 * until the bank reads or the session's write timeout ends it. While the reader is so busy, the
 * node's silence says nothing about the node, so a judgement then counts as a sign of life, for
 * {@link #READER_BUSY_LIMIT_NANOS} at most; a reader busy longer than that lets the misses count.
 *
 * <p>Not thread-safe, but for {@link #frameRead} and the reader's busy marks: the client guards the
 * rest with its state lock.
 */
final class Heartbeats {

  /** How long a busy reader stands in for the node's answers: beyond a bank's write timeout (2 s). */
  static final long READER_BUSY_LIMIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  private final int missesToDown;
  private long lastSent;
  private long lastAnswered;
  private long lastHeard;
  private boolean reachedUp;
  // Frames read on this connection: written by its reader thread alone, read by the judge.
  private volatile long framesRead;
  private long framesJudged;
  // When (System.nanoTime) the reader began handing a frame over itself; 0 while it reads.
  private volatile long readerBusySince;

  Heartbeats(int missesToDown) {
    this.missesToDown = missesToDown;
  }

  /** The sequence of the heartbeat about to be sent. */
  long next() {
    return ++lastSent;
  }

  /**
   * Records an answer; false when it answers no heartbeat of this connection (a sequence never
   * sent), which the caller ignores.
   */
  boolean answered(long sequence) {
    if (sequence < 1 || sequence > lastSent) {
      return false;
    }
    lastAnswered = Math.max(lastAnswered, sequence);
    return true;
  }

  /** A frame other than a heartbeat answer was read; called by the connection's reader only. */
  void frameRead() {
    framesRead++;
  }

  /** The reader is about to hand a frame over (or wait for room to queue it); reader only. */
  void readerBusy(long nowNanos) {
    readerBusySince = nowNanos == 0 ? 1 : nowNanos;
  }

  /** The reader reads again; reader only. */
  void readerReading() {
    readerBusySince = 0;
  }

  /**
   * Takes the frames read since the last call, or a reader busy handing one over for less than
   * {@link #READER_BUSY_LIMIT_NANOS}, as an answer to the heartbeat sent last; called before each
   * judgement. Before the node's first answer they count for nothing: a node that has not
   * answered has not shown it processes.
   */
  void takeFramesRead(long nowNanos) {
    long read = framesRead;
    long busySince = readerBusySince;
    boolean busy = busySince != 0 && nowNanos - busySince < READER_BUSY_LIMIT_NANOS;
    if (read != framesJudged || busy) {
      framesJudged = read;
      if (lastAnswered > 0) {
        lastHeard = lastSent;
      }
    }
  }

  /** Heartbeats sent after the last sign of life: an answer, or a frame read since. */
  long misses() {
    return lastSent - Math.max(lastAnswered, lastHeard);
  }

  /**
   * DOWN until the node has answered once on this connection (a HELLO alone does not prove it
   * can process), then by the misses: none UP, fewer than missesToDown SUSPECT, else DOWN.
   */
  NodeState state() {
    long misses = misses();
    if (lastAnswered == 0 || misses >= missesToDown) {
      return NodeState.DOWN;
    }
    return misses == 0 ? NodeState.UP : NodeState.SUSPECT;
  }

  /**
   * Why the node is moving to {@code to}, for the listener and the log. The first UP of a
   * connection is "connected", a later one a recovery.
   */
  String reasonFor(NodeState to) {
    if (to == NodeState.UP) {
      String reason = reachedUp ? "heartbeats answered again" : "connected";
      reachedUp = true;
      return reason;
    }
    long misses = misses();
    if (to == NodeState.DOWN && lastAnswered == 0) {
      return "no heartbeat answered yet";
    }
    return misses + (misses == 1 ? " heartbeat unanswered" : " heartbeats unanswered");
  }
}
