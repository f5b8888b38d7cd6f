package dev.baton.connector.framing;

/** What a length prefix over the session's maximum frame size does to the connection. */
public enum OversizedFramePolicy {
  /** Close the connection: a peer announcing such a frame is most likely out of step. */
  CLOSE,
  /**
   * Read past the announced bytes without keeping them, and go on with the next frame. For peers
   * that legitimately send large frames the adapter does not handle.
   */
  SKIP
}
