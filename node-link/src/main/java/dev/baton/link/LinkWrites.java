package dev.baton.link;

/**
 * For an application about to send several frames at once on one thread (the issuer requests of a
 * batch of contexts the cluster has just confirmed, say): {@link #together} sends them in as few
 * segments as the connection's buffer allows, flushed when the action ends, instead of one
 * segment and one wake-up of the peer's reader per frame.
 */
public final class LinkWrites {

  private LinkWrites() {}

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
