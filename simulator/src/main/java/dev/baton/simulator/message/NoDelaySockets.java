package dev.baton.simulator.message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jpos.iso.ISOClientSocketFactory;
import org.jpos.iso.ISOServerSocketFactory;

/**
 * Sockets with Nagle's algorithm off, for jPOS channels, which leave it on and have no setting
 * for it. With it on, a small message written while an earlier one is not yet acknowledged waits
 * for that acknowledgement: a bank session is such a stream of small messages, and on loopback
 * this adds over a millisecond per hop. Baton's own sockets turn it off.
 *
 * <p>Both of jPOS's socket factories: for a client channel ({@code setSocketFactory}, or the
 * {@code socketFactory} property of a ChannelAdaptor's channel) and for an ISOServer (a QServer's
 * {@code server-socket-factory}).
 */
public final class NoDelaySockets implements ISOClientSocketFactory, ISOServerSocketFactory {

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    return socket;
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket socket = unbound();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(port));
    return socket;
  }

  /** An unbound server socket whose accepted sockets have Nagle's algorithm off. */
  public static ServerSocket unbound() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket socket = super.accept();
        socket.setTcpNoDelay(true);
        return socket;
      }
    };
  }
}
