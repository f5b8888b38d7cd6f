package dev.baton.connector.transport;

import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.InboundHandler;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Dials the bank and keeps dialling: after a failed dial or an ended connection it waits, twice as
 * long each time up to the maximum, and a connection that came up starts the wait over. Every
 * wait ends early when the endpoint stops.
 */
public final class DialingEndpoint extends SessionEndpoint {

  private static final Logger LOG = System.getLogger(DialingEndpoint.class.getName());
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final CountDownLatch stopped = new CountDownLatch(1);

  DialingEndpoint(BankSessionConfig config, InboundHandler handler, ThreadFactory threads) {
    super(config, handler, threads);
  }

  @Override
  public void start() {
    threads.newThread(this::dialLoop).start();
  }

  private void dialLoop() {
    Duration wait = config.reconnectMin();
    try {
      while (stopped.getCount() > 0) {
        BankSession session = dial();
        if (session != null) {
          wait = config.reconnectMin();
          while (!session.awaitClosed(1, TimeUnit.SECONDS) && stopped.getCount() > 0) {
            // The session ends by itself; this only notices a stop in the meantime.
          }
        }
        if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        wait = next(wait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeCurrent("endpoint stopped");
  }

  private BankSession dial() {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(config.host(), config.port()), CONNECT_TIMEOUT_MILLIS);
      return open(socket);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: dial {2}:{3,number,#} failed: {4}",
          config.bankId(), config.sessionId(), config.host(), config.port(), e.getMessage());
      try {
        socket.close();
      } catch (IOException ignored) {
        // Never connected: nothing to release.
      }
      return null;
    }
  }

  private Duration next(Duration wait) {
    Duration doubled = wait.isZero() ? Duration.ofMillis(100) : wait.multipliedBy(2);
    return doubled.compareTo(config.reconnectMax()) > 0 ? config.reconnectMax() : doubled;
  }

  @Override
  public void stop() {
    stopped.countDown();
    closeCurrent("endpoint stopped");
    LOG.log(Level.INFO, "bank {0} session {1}: stopped dialling", config.bankId(), config.sessionId());
  }
}
