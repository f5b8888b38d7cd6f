package dev.baton.simulator.issuer;

import dev.baton.simulator.message.BankChannels;
import dev.baton.simulator.message.BankMessages;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;

/**
 * An issuer session that dials the switch, signs on, and hands every request to the host. When
 * the connection drops it dials again after a pause, as a bank's host would, until stopped.
 */
final class IssuerDialer implements Runnable {

  private static final System.Logger LOG = System.getLogger(IssuerDialer.class.getName());
  private static final long REDIAL_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final String SIGN_ON_STAN = "000001";

  private final String host;
  private final int port;
  private final IssuerHost issuerHost;
  private volatile NACChannel channel;
  private volatile boolean signedOn;
  private volatile boolean stopped;

  IssuerDialer(String host, int port, IssuerHost issuerHost) {
    this.host = host;
    this.port = port;
    this.issuerHost = issuerHost;
  }

  boolean signedOn() {
    return signedOn;
  }

  @Override
  public void run() {
    while (!stopped) {
      channel = BankChannels.dialing(host, port);
      try {
        channel.connect();
        channel.send(BankMessages.networkManagement(BankMessages.SIGN_ON, SIGN_ON_STAN));
        receiveUntilDisconnected(channel);
      } catch (IOException | ISOException | RuntimeException e) {
        // jPOS may throw a NullPointerException when the socket is closed under receive().
        if (!stopped) {
          LOG.log(Level.WARNING, "issuer session to {0} down: {1}", target(), e.toString());
        }
      } finally {
        signedOn = false;
        disconnect(channel);
      }
      if (!stopped) {
        LockSupport.parkNanos(REDIAL_PAUSE_NANOS);
      }
    }
  }

  void stop() {
    stopped = true;
    disconnect(channel);
  }

  private void receiveUntilDisconnected(NACChannel session) throws IOException, ISOException {
    while (!stopped) {
      ISOMsg message = session.receive();
      if ("0810".equals(message.getMTI())) {
        signedOn(message);
      } else {
        if (!signedOn) {
          // The switch should not route to a bank that has not signed on; say so if it does.
          LOG.log(Level.WARNING, "issuer got a {0} before its sign-on was answered",
              message.getMTI());
        }
        issuerHost.process(session, message);
      }
    }
  }

  private void signedOn(ISOMsg answer) throws IOException {
    if (!BankMessages.APPROVED.equals(answer.getString(39))) {
      throw new IOException("sign-on refused with RC " + answer.getString(39));
    }
    signedOn = true;
    LOG.log(Level.INFO, "issuer signed on to {0}", target());
  }

  private String target() {
    return host + ":" + port;
  }

  private static void disconnect(NACChannel session) {
    if (session == null) {
      return;
    }
    try {
      session.disconnect();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "issuer disconnect: {0}", e.getMessage());
    }
  }
}
