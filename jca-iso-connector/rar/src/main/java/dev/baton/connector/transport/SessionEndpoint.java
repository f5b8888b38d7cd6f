package dev.baton.connector.transport;

import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.SessionMode;
import dev.baton.connector.framing.Packagers;
import dev.baton.connector.session.BankSession;
import dev.baton.connector.session.EchoTracker;
import dev.baton.connector.session.InboundHandler;
import dev.baton.connector.session.SessionCounters;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.jpos.iso.ISOPackager;

/**
 * One configured bank session's way onto the network, holding at most one live connection. The
 * counters belong to the configured session and outlive its connections.
 */
public abstract sealed class SessionEndpoint permits ListeningEndpoint, DialingEndpoint {

  protected final BankSessionConfig config;
  protected final SessionCounters counters = new SessionCounters();
  protected final EchoTracker echo;
  protected final ThreadFactory threads;
  private final ISOPackager packager;
  private final InboundHandler handler;
  private final AtomicReference<BankSession> current = new AtomicReference<>();

  SessionEndpoint(BankSessionConfig config, InboundHandler handler, ThreadFactory threads) {
    this.config = config;
    this.handler = handler;
    this.threads = threads;
    this.echo = new EchoTracker(config.bankId(), config.sessionId(), config.echoMissLimit());
    // Built once, so a bad packager setting fails at start rather than on the first connection.
    this.packager = Packagers.of(config.packager());
  }

  /** The endpoint for a configuration: listening or dialling as it says. */
  public static SessionEndpoint of(
      BankSessionConfig config, InboundHandler handler, ThreadFactory threads) {
    return config.mode() == SessionMode.LISTEN
        ? new ListeningEndpoint(config, handler, threads)
        : new DialingEndpoint(config, handler, threads);
  }

  /** Starts listening or dialling. */
  public abstract void start() throws IOException;

  /** Stops listening or dialling and closes the live connection. */
  public abstract void stop();

  public BankSessionConfig config() {
    return config;
  }

  /** The session's packager, for messages the application sends on it. */
  public ISOPackager packager() {
    return packager;
  }

  public SessionCounters counters() {
    return counters;
  }

  /** The session's echo tests, over all its connections. */
  public EchoTracker echo() {
    return echo;
  }

  /** The live connection, if there is one. */
  public Optional<BankSession> session() {
    return Optional.ofNullable(current.get()).filter(session -> !session.isClosed());
  }

  /** Makes a session of a connected socket and starts it, closing the one it replaces. */
  protected BankSession open(Socket socket) throws IOException {
    String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    socket.setTcpNoDelay(true);
    BankSession session = new BankSession(config,
        config.framing().newChannel(packager, config.frameRules()), peer, counters, echo, handler);
    BankSession replaced = current.getAndSet(session);
    if (replaced != null) {
      // Closed first, so that a DISCONNECTED this close reports goes before the new connection's
      // states; marked before the new connection starts, so that one its reader reports later
      // (a close it had begun already) is known to be stale and not passed on.
      replaced.close("replaced by a new connection from " + peer);
      replaced.markReplaced();
    }
    try {
      session.start(socket, threads);
    } catch (IOException | RuntimeException e) {
      session.close("could not start: " + e.getMessage());
      throw e;
    }
    return session;
  }

  protected void closeCurrent(String reason) {
    BankSession session = current.get();
    if (session != null) {
      session.close(reason);
    }
  }
}
