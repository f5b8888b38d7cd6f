package dev.baton.edge;

import dev.baton.link.Frame;
import dev.baton.link.NodeState;
import dev.baton.routing.NodeId;

/** The edge's links to the processing nodes. */
public interface NodeLinks {

  /** Sends a frame to {@code node}; false when its link could not take it. */
  boolean send(NodeId node, Frame frame);

  /** The node's state as the heartbeats tell it. */
  NodeState state(NodeId node);
}
