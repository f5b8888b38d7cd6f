package dev.baton.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badArgumentsExitWithTwoAfterAOneLineErrorAndTheUsage() {
    assertEquals(2, run("acquirer", "--port", "10001", "--rate", "fast"));

    String[] lines = err().split("\\R");
    assertEquals("error: --rate must be a number greater than 0, not 'fast'", lines[0]);
    assertTrue(lines[1].startsWith("usage: baton-simulator acquirer"), lines[1]);
    assertEquals("", out());
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    assertEquals(0, run("help"));

    assertTrue(out().contains("baton-simulator issuer (--listen PORT | --dial HOST:PORT)"));
  }

  @Test
  void anUnreachableSwitchExitsWithOneAndSaysWhy() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }

    assertEquals(1, run("acquirer", "--port", String.valueOf(closedPort), "--duration", "1s"));

    assertTrue(err().startsWith("error: session 0 cannot connect to 127.0.0.1:" + closedPort),
        err());
  }

  @Test
  void aBenchOfBatonAloneExitsWithOneInOneLineWhenBatonIsNotListening() throws Exception {
    int acquirerPort;
    int issuerPort;
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
      acquirerPort = a.getLocalPort();
      issuerPort = b.getLocalPort();
    }

    assertEquals(1, run("bench", "--target", "baton", "--acquirer-ports",
        String.valueOf(acquirerPort), "--issuer-ports", "4=" + issuerPort, "--cards", "4=1"));

    assertTrue(out().contains("\nbaton     NOT MEASURED: not listening on 127.0.0.1:" + acquirerPort
        + ", 127.0.0.1:" + issuerPort + " (start it with ./baton up)\n"), out());
    assertTrue(out().contains("sustained TPS at p99 <= 50 ms"), out());
    assertEquals("", err());
  }

  @Test
  void anIssuerWithADurationStopsAndPrintsItsSummary() {
    assertEquals(0, run("issuer", "--listen", "0", "--duration", "200ms"));

    assertTrue(out().startsWith("issuer: listening on port "), out());
    assertTrue(out().contains("== issuer summary =="), out());
    assertTrue(out().contains("never answered 0"), out());
  }

  @Test
  void anAcquirerAgainstAnIssuerPrintsCountsLatencyAndTheUnanswered() throws Exception {
    IssuerSettings settings = new IssuerSettings(new IssuerSettings.Listen(0),
        WeightedMix.only("00"), LatencyRange.NONE, 0.2);
    try (IssuerSimulator issuer = new IssuerSimulator(settings)) {
      issuer.start();

      assertEquals(0, run("acquirer", "--port", String.valueOf(issuer.port()), "--rate", "100",
          "--duration", "1s", "--timeout", "300ms"));
    }

    String summary = out();
    assertTrue(summary.contains("== acquirer summary =="), summary);
    assertTrue(summary.contains("latency ms     p50 "), summary);
    assertTrue(summary.contains("  0110 00"), summary);
    assertTrue(summary.matches("(?s).*UNANSWERED mti=0100 stan=\\d{6} session=0 "
        + "pan=[45]\\d{5}\\*{6}\\d{4} sent-at=\\d{4}-.*"), summary);
  }
}
