package dev.baton.link;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a {@link NodeLinkServer} reported, for assertions from the test thread. */
final class RecordingServerListener implements ServerListener {

  final List<String> connected = new CopyOnWriteArrayList<>();
  final List<String> disconnected = new CopyOnWriteArrayList<>();
  final Queue<Frame> frames = new ConcurrentLinkedQueue<>();

  @Override
  public void onConnected(String peerName) {
    connected.add(peerName);
  }

  @Override
  public void onFrame(Frame frame) {
    frames.add(frame);
  }

  @Override
  public void onDisconnected(String peerName, String reason, boolean announced) {
    disconnected.add(peerName + ": " + reason + (announced ? " (announced)" : ""));
  }
}
