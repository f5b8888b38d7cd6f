package dev.baton.simulator.baseline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jpos.q2.Q2;
import org.jpos.q2.iso.QMUX;
import org.jpos.util.NameRegistrar;

/**
 * Relays running in this JVM: an embedded Q2 whose deploy directory holds the relays'
 * descriptors. Q2 is jPOS's own container; the relays are its stock QServer, ChannelAdaptor and
 * QMUX beans plus two small listeners.
 */
public final class RelayHost implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(30);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Numbers the relays' spaces, which live as long as the JVM. */
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final Q2 q2;

  private RelayHost(Q2 q2) {
    this.q2 = q2;
  }

  /**
   * Writes the descriptors under {@code workDir/deploy}, starts Q2 and returns once every port the
   * relays listen on for the previous hop accepts connections.
   *
   * @param workDir a directory of this host's own; the Q2 log goes to {@code workDir/q2.log}
   * @throws IOException when the descriptors cannot be written or the relays do not come up
   */
  public static RelayHost start(List<RelaySpec> relays, Path workDir) throws IOException {
    Path deploy = Files.createDirectories(workDir.resolve("deploy"));
    Files.writeString(deploy.resolve("00_logger.xml"),
        RelayDescriptors.logger(workDir.resolve("q2.log")));
    for (RelaySpec relay : relays) {
      String space = "tspace:" + relay.name() + "-" + STARTS.incrementAndGet();
      for (Map.Entry<String, String> file : RelayDescriptors.of(relay, space).entrySet()) {
        Files.writeString(deploy.resolve(file.getKey()), file.getValue());
      }
    }
    // -Nf: no JFR recording (it would take a stack trace per message sent and received);
    // -Ns: deploy once, no rescans; -Nh: the caller stops Q2, not a shutdown hook of its own.
    Q2 q2 = new Q2(new String[] {"-d", deploy.toString(), "-Nf", "-Ns", "-Nh"});
    q2.start();
    RelayHost host = new RelayHost(q2);
    try {
      if (!q2.ready(READY_WITHIN.toMillis())) {
        throw new IOException("Q2 did not deploy the relays within " + READY_WITHIN.toSeconds()
            + " s; see " + workDir.resolve("q2.log"));
      }
      for (RelaySpec relay : relays) {
        for (int port : relay.listenPorts()) {
          awaitListening(port, workDir);
        }
      }
      for (RelaySpec relay : relays) {
        if (relay.downstream() instanceof RelaySpec.NextRelay next) {
          awaitConnected(RelayDescriptors.nextMux(relay), next, workDir);
        }
      }
      return host;
    } catch (IOException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** Stops Q2, which undeploys the relays and closes their sessions. */
  @Override
  public void close() {
    q2.shutdown(true);
  }

  /**
   * The next relay may be in another JVM that is not up yet; the ChannelAdaptor keeps dialing.
   * Waiting here means a relay that is up forwards at once (when its next hop is up too).
   */
  private static void awaitConnected(String muxName, RelaySpec.NextRelay next, Path workDir)
      throws IOException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!connected(muxName)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("relay not connected to " + next.host() + ":" + next.port()
            + " within " + READY_WITHIN.toSeconds() + " s; see " + workDir.resolve("q2.log"));
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static boolean connected(String muxName) {
    try {
      return QMUX.getMUX(muxName).isConnected();
    } catch (NameRegistrar.NotFoundException e) {
      return false;
    }
  }

  private static void awaitListening(int port, Path workDir) throws IOException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("relay port " + port + " not listening within "
              + READY_WITHIN.toSeconds() + " s; see " + workDir.resolve("q2.log"), e);
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }
}
