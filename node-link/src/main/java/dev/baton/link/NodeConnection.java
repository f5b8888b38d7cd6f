package dev.baton.link;

/**
 * A connection of the edge to a node that completed its HELLO exchange, with its heartbeats. A
 * new connection starts a new count, so that heartbeats lost with an old one are not held against
 * the node.
 */
record NodeConnection(LinkConnection link, Heartbeats heartbeats) {

  boolean send(Frame frame, String owner) {
    return link.send(frame, owner);
  }
}
