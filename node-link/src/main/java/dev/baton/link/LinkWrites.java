package dev.baton.link;

/**
 * For an application about to send several frames at once on one thread (the issuer requests of a
 * batch of contexts the cluster has just confirmed, say): {@link #together} sends them in as few
 * segments as the connection's buffer allows, flushed when the action ends, instead of one
 * segment and one wake-up of the peer's reader per frame.
 */
public final class LinkWrites {

  private LinkWrites() {}

  /**
   * The link frames this thread writes from now on stay in their connection's buffer until {@link
   * #sendHeld} on this thread (or a write of this thread to another connection). For a thread
   * that knows it has more to write at once and will surely call {@link #sendHeld} after it.
   */
  public static void hold() {
    LinkConnection.holdFlushes();
  }

  /** Sends what this thread's writes left in the buffer since {@link #hold}, and ends the hold. */
  public static void sendHeld() {
    LinkConnection.flushHeld();
  }

  /** Runs {@code action} with the link frames it writes on this thread flushed together at its end. */
  public static void together(Runnable action) {
    if (LinkConnection.holdingFlushes()) {
      action.run(); // within a hold already: its end flushes these too
      return;
    }
    LinkConnection.holdFlushes();
    try {
      action.run();
    } finally {
      LinkConnection.flushHeld();
    }
  }
}
