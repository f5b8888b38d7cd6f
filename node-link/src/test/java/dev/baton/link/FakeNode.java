package dev.baton.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node that misbehaves in a way the test chooses, for the client's tests: accepts connections
 * on a loopback port and hands each to the test's script on its own thread.
 */
final class FakeNode implements AutoCloseable {

  interface Script {
    void run(RawPeer edge) throws IOException;
  }

  private final ServerSocket listening;
  private final Thread acceptor;
  private final List<RawPeer> peers = new CopyOnWriteArrayList<>();
  final AtomicInteger accepted = new AtomicInteger();

  FakeNode(Script script) throws IOException {
    listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().daemon().name("fake-node-accept").start(() -> {
      while (!listening.isClosed()) {
        try {
          RawPeer edge = new RawPeer(listening.accept());
          peers.add(edge);
          accepted.incrementAndGet();
          Thread.ofPlatform().daemon().name("fake-node-peer").start(() -> {
            try {
              script.run(edge);
            } catch (IOException e) {
              // The edge went away: that is the script's end too.
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    listening.close();
    for (RawPeer peer : peers) {
      peer.close();
    }
    acceptor.join(Poll.WITHIN);
  }
}
