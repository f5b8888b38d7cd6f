package dev.baton.connector.transport;

import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.session.InboundHandler;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;

/**
 * Listens on the session's port. A connection from an address outside the allowed sources is
 * closed at once; an allowed one becomes the session's connection, replacing an older one (a bank
 * that reconnects after a network failure must not wait for its half-open socket to time out).
 */
public final class ListeningEndpoint extends SessionEndpoint {

  private static final Logger LOG = System.getLogger(ListeningEndpoint.class.getName());

  private volatile ServerSocket server;

  ListeningEndpoint(BankSessionConfig config, InboundHandler handler, ThreadFactory threads) {
    super(config, handler, threads);
  }

  @Override
  public void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(config.host(), config.port()), 50);
    server = socket;
    LOG.log(Level.INFO, "bank {0} session {1}: listening on {2}",
        config.bankId(), config.sessionId(), socket.getLocalSocketAddress());
    threads.newThread(() -> acceptLoop(socket)).start();
  }

  /** The port listened on: the configured one, or the one picked when it was 0. */
  public int localPort() {
    ServerSocket socket = server;
    if (socket == null) {
      throw new IllegalStateException("not listening");
    }
    return socket.getLocalPort();
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket accepted;
      try {
        accepted = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.log(Level.WARNING, "bank {0} session {1}: accept failed: {2}",
              config.bankId(), config.sessionId(), e.getMessage());
        }
        continue;
      }
      admit(accepted);
    }
  }

  private void admit(Socket accepted) {
    String peer = accepted.getInetAddress().getHostAddress() + ":" + accepted.getPort();
    if (!config.allowedSources().permits(accepted.getInetAddress())) {
      counters.refusedConnection();
      LOG.log(Level.WARNING, "bank {0} session {1}: connection from {2} refused, not in {3}",
          config.bankId(), config.sessionId(), peer, config.allowedSources());
      closeQuietly(accepted);
      return;
    }
    try {
      open(accepted);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: connection from {2} failed to start: {3}",
          config.bankId(), config.sessionId(), peer, e.getMessage());
      closeQuietly(accepted);
    }
  }

  @Override
  public void stop() {
    ServerSocket socket = server;
    if (socket != null) {
      closeQuietly(socket);
    }
    closeCurrent("endpoint stopped");
    LOG.log(Level.INFO, "bank {0} session {1}: stopped listening",
        config.bankId(), config.sessionId());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed or reset by the peer: nothing left to release.
    }
  }
}
