package dev.baton.simulator.issuer;

import dev.baton.simulator.message.BankChannels;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOServer;

/**
 * An issuer bank: listens with a jPOS ISOServer or dials out, and answers through an
 * {@link IssuerHost}. Start it, let it run, close it, then read its summary.
 */
public final class IssuerSimulator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(IssuerSimulator.class.getName());
  private static final int MAX_SESSIONS = 100;

  private final IssuerSettings settings;
  private final IssuerHost host;
  private ISOServer server;
  private BoundServerSocketFactory listening;
  private IssuerDialer dialer;

  public IssuerSimulator(IssuerSettings settings) {
    this.settings = settings;
    this.host = new IssuerHost(settings);
  }

  /**
   * Starts listening or dialing and returns at once.
   *
   * @throws IOException when the listening port cannot be bound
   */
  public void start() throws IOException {
    switch (settings.endpoint()) {
      case IssuerSettings.Listen listen -> startListening(listen.port());
      case IssuerSettings.Dial dial -> {
        dialer = new IssuerDialer(dial.host(), dial.port(), host);
        Thread.ofPlatform().daemon().name("issuer-dialer").start(dialer);
      }
    }
  }

  /** The port listened on (the one chosen when asked for port 0), or -1 when dialing. */
  public int port() {
    return listening == null ? -1 : listening.port();
  }

  /** Whether the dialed session is signed on; always true when listening. */
  public boolean signedOn() {
    return dialer == null || dialer.signedOn();
  }

  public IssuerSummary summary() {
    return host.summary();
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      try {
        listening.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "issuer listener close: {0}", e.getMessage());
      }
    }
    if (dialer != null) {
      dialer.stop();
    }
    host.close();
  }

  private void startListening(int port) throws IOException {
    listening = new BoundServerSocketFactory(port);
    server = new ISOServer(listening.port(), BankChannels.accepting(), MAX_SESSIONS);
    server.setSocketFactory(listening);
    try {
      // Without a configuration ISOServer has no executor and every session dies at once.
      server.setConfiguration(new SimpleConfiguration());
    } catch (ConfigurationException e) {
      throw new IOException("issuer listener configuration: " + e.getMessage(), e);
    }
    server.addISORequestListener(host);
    Thread.ofPlatform().daemon().name("issuer-listener").start(server);
  }
}
