package dev.baton.link;

/**
 * What a node's {@link NodeLinkServer} tells the application. Each connection has its own reader
 * thread, so calls for different connections may come at the same time; calls for one connection
 * come one at a time, in order. An exception thrown here is logged and otherwise ignored.
 */
public interface ServerListener {

  /** An edge connected and completed the HELLO exchange. */
  void onConnected(String peerName);

  /** A {@link Frame.Data}, {@link Frame.Refused} or {@link Frame.Control} from an edge. */
  void onFrame(Frame frame);

  /**
   * Whether {@code frame} is handed to {@link #onFrame} at once on the connection's reader, ahead
   * of the frames read before it and still queued for the application. Only for frames whose
   * handling neither blocks (the reader answers heartbeats) nor depends on those queued frames.
   * None by default.
   */
  default boolean takesAtOnce(Frame frame) {
    return false;
  }

  /**
   * A connection that had completed its HELLO ended; {@code announced} when the edge said first
   * that it was closing it (it is stopping), false when it vanished or the link failed.
   */
  void onDisconnected(String peerName, String reason, boolean announced);
}
