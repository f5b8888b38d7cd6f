package dev.baton.link;

/**
 * What the edge's {@link NodeLinkClient} tells the application. Both methods are called on the
 * link's own threads and must return quickly: a slow {@link #onFrame} holds up the node's next
 * frames, a slow {@link #onState} holds up heartbeats. They may call
 * {@link NodeLinkClient#send}, but not {@link NodeLinkClient#close}, which waits for these very
 * threads. An exception thrown here is logged and otherwise ignored.
 */
public interface LinkListener {

  /**
   * The node's state changed: called once per change, one call at a time, in the order the
   * changes happened.
   *
   * @param reason why, for logs and the console: "connected", "3 heartbeats unanswered",
   *     "closed by peer" ...
   */
  void onState(String nodeId, NodeState from, NodeState to, String reason);

  /**
   * A {@link Frame.Data}, {@link Frame.Refused} or {@link Frame.Control} from the node, on the
   * connection's reader thread, in the order the node sent them.
   */
  void onFrame(String nodeId, Frame frame);

  /**
   * The link's delivery thread is about to hand over frames that were read together: writes of
   * the application's own on this thread (to banks, say) may wait and be sent together at the
   * {@link #flushWrites} that follows, on the same thread, at most 16 frames and 0.5 ms later, or
   * as soon as no more frames wait. Nothing by default.
   */
  default void holdWrites(String nodeId) {}

  /** Ends what {@link #holdWrites} began: sends the writes held since. Nothing by default. */
  default void flushWrites(String nodeId) {}

  /**
   * Whether {@code frame} is handed to {@link #onFrame} at once on the connection's reader, ahead
   * of the frames read before it and still queued for the application. Only for frames whose
   * handling neither blocks (the reader judges heartbeats) nor depends on those queued frames.
   * None by default.
   */
  default boolean takesAtOnce(String nodeId, Frame frame) {
    return false;
  }
}
