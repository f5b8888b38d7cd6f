package dev.baton.connector.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.connector.api.SessionState;
import dev.baton.connector.config.BankSessionConfig;
import dev.baton.connector.config.SessionMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;

/** A dialling session against a jPOS channel playing the bank's server. */
class DialingEndpointTest {

  @Test
  void dialsTheBankAndDialsAgainWhenTheBankDropsTheConnection() throws Exception {
    AnsweringHandler handler = new AnsweringHandler();
    try (ServerSocket bankPort = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      BankSessionConfig config = BankSessionConfig.of(
              "ISS1", "ISS1-1", SessionMode.DIAL, "127.0.0.1", bankPort.getLocalPort())
          .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200));
      SessionEndpoint endpoint = SessionEndpoint.of(config, handler, Thread.ofVirtual().factory());
      endpoint.start();
      try {
        for (int connection = 1; connection <= 2; connection++) {
          NACChannel bank = new NACChannel(new ISO87BPackager(), null, bankPort);
          bank.setTimeout(5_000);
          bank.accept(bankPort);
          ISOMsg signOn = new ISOMsg("0800");
          signOn.set(11, "00000" + connection);
          signOn.set(70, "001");
          bank.send(signOn);

          assertEquals("00", bank.receive().getString(39));
          Poll.until("signed on", Duration.ofSeconds(5), () -> endpoint.session()
              .map(s -> s.state() == SessionState.SIGNED_ON).orElse(false));
          bank.disconnect();
        }
        assertEquals(2, endpoint.counters().snapshot().connections());
      } finally {
        endpoint.stop();
      }
    }
  }
}
