package dev.baton.systemtests.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import dev.baton.systemtests.Poll;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOServer;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resource adapter in the provisioned server, with a test application whose message-driven
 * bean approves requests, and jPOS banks on real sockets: a bank that connects to a listening
 * session, a bank server that a dialing session connects to, and a bank that keeps sending while
 * the application is redeployed.
 */
@ExtendWith(ArquillianExtension.class)
class BankSessionIT {

  static final int LISTEN_PORT = 10101;
  static final int DIAL_PORT = freePort();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static EnterpriseArchive application() {
    return ShrinkWrap.create(EnterpriseArchive.class, "bank-echo.ear")
        .addAsModule(echoModule())
        .addAsManifestResource(
            new StringAsset(
                """
                <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.3">
                  <deployment><dependencies><module name="deployment.baton-iso-connector.rar"/></dependencies></deployment>
                  <sub-deployment name="bank-echo.jar"><dependencies><module name="deployment.baton-iso-connector.rar"/></dependencies></sub-deployment>
                </jboss-deployment-structure>
                """),
            "jboss-deployment-structure.xml");
  }

  private static JavaArchive echoModule() {
    return ShrinkWrap.create(JavaArchive.class, "bank-echo.jar")
        .addClasses(EchoingBank.class, EchoSessions.class)
        .addAsResource(new StringAsset("listen=" + LISTEN_PORT + "\ndial=" + DIAL_PORT + "\n"), "echo-sessions.properties");
  }

  @Test
  void bankConnectsSignsOnEchoesAndGetsEveryRequestAnswered() throws Exception {
    NACChannel channel = connectedBank();
    try {
      ISOMsg signOn = JposBank.exchange(channel, JposBank.networkManagement("001"));
      assertEquals("0810", signOn.getMTI());
      assertEquals("00", signOn.getString(39));
      ISOMsg echo = JposBank.exchange(channel, JposBank.networkManagement("301"));
      assertEquals("0810", echo.getMTI());
      assertEquals("00", echo.getString(39));

      int sent = 50;
      int answered = 0;
      for (int i = 0; i < sent; i++) {
        ISOMsg request = JposBank.authorization();
        ISOMsg answer = JposBank.exchange(channel, request);
        assertEquals("0110", answer.getMTI());
        assertEquals("00", answer.getString(39), "approved by the test application");
        assertEquals(request.getString(11), answer.getString(11));
        assertEquals(request.getString(37), answer.getString(37));
        assertEquals(request.getString(41), answer.getString(41));
        answered++;
      }
      assertEquals(sent, answered, "one answer per request");
    } finally {
      channel.disconnect();
    }
  }

  @Test
  void dialingSessionConnectsToTheBanksServerAndServesIt() throws Exception {
    BlockingQueue<ISOMsg> received = new LinkedBlockingQueue<>();
    ISOServer server = new ISOServer(DIAL_PORT, new NACChannel(new ISO87BPackager(), null), 4);
    server.setConfiguration(new org.jpos.core.SimpleConfiguration());
    server.addISORequestListener((source, message) -> received.add(message));
    Thread serving = Thread.ofVirtual().start(server);
    try {
      Poll.until("the adapter dialled the bank", PATIENCE, () -> server.getLastConnectedISOChannel() != null);
      var channel = server.getLastConnectedISOChannel();
      channel.send(JposBank.networkManagement("001"));
      ISOMsg signOn = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals("0810", signOn.getMTI());
      assertEquals("00", signOn.getString(39));

      ISOMsg request = JposBank.authorization();
      channel.send(request);
      ISOMsg answer = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertEquals("0110", answer.getMTI());
      assertEquals(request.getString(11), answer.getString(11));
    } finally {
      server.shutdown();
      serving.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  @Test
  void redeployOfTheApplicationKeepsTheBanksSocketAndAnswersEveryRequest() throws Exception {
    NACChannel channel = connectedBank();
    assertEquals("00", JposBank.exchange(channel, JposBank.networkManagement("001")).getString(39));
    Map<String, String> answers = new ConcurrentHashMap<>();
    List<String> sent = new ArrayList<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicInteger receiveFailures = new AtomicInteger();
    Thread receiver =
        Thread.ofVirtual().start(() -> {
          while (channel.isConnected()) {
            try {
              ISOMsg answer = channel.receive();
              answers.put(answer.getString(11), answer.getString(39));
            } catch (Exception e) {
              if (!channel.isConnected()) {
                return;
              }
              receiveFailures.incrementAndGet();
            }
          }
        });

    Path ear = Files.createTempFile("bank-echo", ".ear");
    application().as(ZipExporter.class).exportTo(ear.toFile(), true);
    java.util.concurrent.atomic.AtomicReference<String> redeployOutcome = new java.util.concurrent.atomic.AtomicReference<>("not finished");
    Instant redeployStarted = Instant.now();
    Thread redeploy =
        Thread.ofVirtual().start(() -> redeployOutcome.set(redeploy(ear) + " in " + Duration.between(redeployStarted, Instant.now()).toMillis() + " ms"));
    Instant stopAt = null;
    while (sending.get()) {
      ISOMsg request = JposBank.authorization();
      sent.add(request.getString(11));
      channel.send(request);
      Thread.sleep(10); // the bank's pace: one request every 10 ms, not a wait for a condition
      if (stopAt == null && !redeploy.isAlive()) {
        stopAt = Instant.now().plusSeconds(1);
      }
      if (stopAt != null && Instant.now().isAfter(stopAt)) {
        sending.set(false);
      }
    }
    Poll.until("every request answered", PATIENCE, () -> answers.keySet().containsAll(sent));
    boolean stillConnected = channel.isConnected();
    channel.disconnect();
    receiver.join(TimeUnit.SECONDS.toMillis(10));

    assertTrue(redeployOutcome.get().startsWith("redeployed"), redeployOutcome.get());
    assertTrue(stillConnected, "the bank's socket stayed open through the redeploy");
    assertEquals(0, receiveFailures.get(), "no broken frame on the bank's side");
    long approved = sent.stream().filter(stan -> "00".equals(answers.get(stan))).count();
    long declined = sent.stream().filter(stan -> "91".equals(answers.get(stan))).count();
    System.out.printf("%s: %d requests, %d approved, %d declined 91%n", redeployOutcome.get(), sent.size(), approved, declined);
    assertEquals(sent.size(), approved + declined, "each request got the application's approval or RC 91: " + answers);
    assertTrue(sent.size() > 100, "the bank kept sending through the redeploy (" + sent.size() + ")");
  }

  /** Replaces the test application with a fresh copy through the management CLI; says how it went. */
  private static String redeploy(Path ear) {
    Path home = Path.of(System.getProperty("baton.home")).toAbsolutePath().normalize();
    try {
      Process cli =
          new ProcessBuilder(
                  home.resolve("wildfly-config/target/wildfly/bin/jboss-cli.sh").toString(),
                  "--connect",
                  "--controller=127.0.0.1:9990",
                  "--command=deploy --force " + ear + " --name=bank-echo.ear")
              .redirectErrorStream(true)
              .start();
      String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0) {
        return "redeploy failed: " + output;
      }
      return "redeployed";
    } catch (IOException e) {
      return "redeploy failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "redeploy interrupted";
    }
  }

  private static NACChannel connectedBank() throws Exception {
    NACChannel channel = new NACChannel("127.0.0.1", LISTEN_PORT, new ISO87BPackager(), null);
    channel.setTimeout((int) PATIENCE.toMillis());
    Poll.retry("connecting to 127.0.0.1:" + LISTEN_PORT, PATIENCE, channel::connect);
    return channel;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
