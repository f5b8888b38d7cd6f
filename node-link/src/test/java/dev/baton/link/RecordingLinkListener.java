package dev.baton.link;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a {@link NodeLinkClient} reported, for assertions from the test thread. */
final class RecordingLinkListener implements LinkListener {

  record Change(String nodeId, NodeState from, NodeState to, String reason) {}

  final List<Change> changes = new CopyOnWriteArrayList<>();
  final Queue<Frame> frames = new ConcurrentLinkedQueue<>();

  @Override
  public void onState(String nodeId, NodeState from, NodeState to, String reason) {
    changes.add(new Change(nodeId, from, to, reason));
  }

  @Override
  public void onFrame(String nodeId, Frame frame) {
    frames.add(frame);
  }

  /** The states moved to, in order. */
  List<NodeState> states() {
    return changes.stream().map(Change::to).toList();
  }

  Change last() {
    return changes.getLast();
  }
}
