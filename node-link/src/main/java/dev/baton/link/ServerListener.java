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

  /** A connection that had completed its HELLO ended. */
  void onDisconnected(String peerName, String reason);
}
