package dev.baton.link;

/**
 * The heartbeats of one connection, and the node state they make. Heartbeats are numbered from 1
 * on each connection; the node answers them in order on one TCP stream, so an answer to
 * heartbeat k means the node is alive now, and only heartbeats sent after k are still in doubt.
 * The misses are therefore the heartbeats sent after the last one answered. Not thread-safe: the
 * client guards it with its state lock.
 */
final class Heartbeats {

  private final int missesToDown;
  private long lastSent;
  private long lastAnswered;
  private boolean reachedUp;

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

  /** Heartbeats sent after the last one answered. */
  long misses() {
    return lastSent - lastAnswered;
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
