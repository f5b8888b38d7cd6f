package dev.baton.simulator.issuer;

import dev.baton.simulator.message.NoDelaySockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jpos.iso.ISOServerSocketFactory;

/**
 * Hands ISOServer a socket bound before the server starts. ISOServer binds in its own thread and
 * retries a busy port forever; binding first lets a busy port fail at once, and port 0 report the
 * port it got.
 */
final class BoundServerSocketFactory implements ISOServerSocketFactory {

  private ServerSocket socket;

  BoundServerSocketFactory(int port) throws IOException {
    socket = bind(port);
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public synchronized ServerSocket createServerSocket(int port) throws IOException {
    // ISOServer asks again after an accept failure; keep the port the first bind got.
    if (socket.isClosed()) {
      socket = bind(socket.getLocalPort());
    }
    return socket;
  }

  synchronized void close() throws IOException {
    socket.close();
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket bound = NoDelaySockets.unbound();
    bound.setReuseAddress(true);
    try {
      bound.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      bound.close();
      throw new IOException("cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    return bound;
  }
}
