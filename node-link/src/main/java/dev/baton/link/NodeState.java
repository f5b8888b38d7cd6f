package dev.baton.link;

/**
 * How the edge sees a node, from the node link's heartbeats. The rules are in
 * docs/node-protocol.md: heartbeats answered, some unanswered, or no usable connection.
 */
public enum NodeState {
  /** Connected and answering: no heartbeat was outstanding when the node was last judged. */
  UP,
  /** Connected, but fewer than {@link LinkSettings#missesToDown()} heartbeats are unanswered. */
  SUSPECT,
  /** Not connected, not yet answering, or at least {@code missesToDown} heartbeats unanswered. */
  DOWN
}
