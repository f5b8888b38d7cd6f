package dev.baton.simulator.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.issuer.IssuerSettings;
import dev.baton.simulator.issuer.IssuerSimulator;
import dev.baton.simulator.message.BankChannels;
import dev.baton.simulator.message.BankMessages;
import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The baseline as the bench runs it: three relay JVMs, started and stopped by the test. */
@Timeout(90)
class BaselineProcessesTest {

  @Test
  void threeRelayJvmsCarryAnApprovalAndAreGoneAfterClose() throws Exception {
    int acquirerPort;
    BaselineProcesses baseline =
        BaselineProcesses.start(List.of("4", "5"), 2, Duration.ofSeconds(2), false);
    try (IssuerSimulator issuer = new IssuerSimulator(new IssuerSettings(
        new IssuerSettings.Dial("127.0.0.1", baseline.ports().issuerPortsByBin().get("5")),
        WeightedMix.only("00"), LatencyRange.NONE, 0))) {
      issuer.start();
      acquirerPort = baseline.ports().acquirerPorts().get(1);
      NACChannel acquirer = BankChannels.dialing("127.0.0.1", acquirerPort);
      acquirer.setTimeout(5_000);
      acquirer.connect();

      // The issuer signs on, and each relay's ChannelAdaptor connects, in its own time.
      ISOMsg answer = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int stan = 1; answer == null || !"00".equals(answer.getString(39)); stan++) {
        assertTrue(System.nanoTime() < deadline, "no approval within 30 s: " + answer);
        if (answer != null) {
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        acquirer.send(BankMessages.request("0100", "5111111111111118", 500,
            String.format("%06d", stan), String.format("RRN%09d", stan), "TERM0005"));
        answer = acquirer.receive();
      }

      assertEquals("0110", answer.getMTI());
      assertEquals("TERM0005", answer.getString(41));
      acquirer.disconnect();
    } finally {
      baseline.close();
    }

    int closedPort = acquirerPort;
    assertThrows(IOException.class, () -> {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", closedPort), 1_000);
      }
    }, "r1 stopped with the baseline");
  }
}
