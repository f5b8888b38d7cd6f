package dev.baton.simulator.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.simulator.message.NoDelaySockets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Q2 descriptors of a relay: jPOS's stock beans, wired by name and queue. */
class RelayDescriptorsTest {

  private static final RelaySpec FRONT = new RelaySpec("r1", List.of(41001, 41002),
      new RelaySpec.NextRelay("127.0.0.1", 41003), Duration.ofSeconds(5), true);
  private static final RelaySpec BACK = new RelaySpec("r3", List.of(41004),
      new RelaySpec.Issuers(Map.of("4", 41005)), Duration.ofMillis(300), false);

  @Test
  void aFrontRelayDialsTheNextOneThroughAChannelAdaptorAndAQmux() {
    Map<String, String> files = RelayDescriptors.of(FRONT, "tspace:r1-1");

    assertEquals(List.of("10_r1-next-channel.xml", "20_r1-next.xml", "30_r1-listen-41001.xml",
        "30_r1-listen-41002.xml"), List.copyOf(files.keySet()));
    String adaptor = files.get("10_r1-next-channel.xml");
    assertTrue(adaptor.contains("class=\"org.jpos.q2.iso.ChannelAdaptor\""), adaptor);
    assertTrue(adaptor.contains("<property name=\"port\" value=\"41003\" />"), adaptor);
    assertTrue(adaptor.contains("<in>r1-next.send</in>"), adaptor);
    String mux = files.get("20_r1-next.xml");
    assertTrue(mux.contains("<out>r1-next.send</out>"), mux);
    assertTrue(mux.contains("<ready>r1-next-channel.ready</ready>"), mux);
    String server = files.get("30_r1-listen-41002.xml");
    assertTrue(server.contains("<property name=\"routes\" value=\"*=r1-next\" />"), server);
    assertTrue(server.contains("<property name=\"timeout\" value=\"5000\" />"), server);
    assertTrue(server.contains("<space>tspace:r1-1</space>"), server);
  }

  @Test
  void aBackRelayRoutesByBinToTheQmuxOfTheServerItsIssuerDialsInto() {
    Map<String, String> files = RelayDescriptors.of(BACK, "tspace:r3-2");

    String issuerServer = files.get("10_r3-issuer-4-server.xml");
    assertTrue(issuerServer.contains("<attr name=\"port\" type=\"java.lang.Integer\">41005"),
        issuerServer);
    assertTrue(issuerServer.contains("<in>r3-issuer-4.send</in>"), issuerServer);
    assertTrue(issuerServer.contains("<out>r3-issuer-4.receive</out>"), issuerServer);
    assertTrue(files.get("20_r3-issuer-4.xml").contains("<ready>r3-issuer-4.signed-on</ready>"));
    assertTrue(files.get("30_r3-listen-41004.xml")
        .contains("<property name=\"routes\" value=\"4=r3-issuer-4\" />"));
  }

  @Test
  void onlyANoDelayRelayGivesItsChannelAndServersTheNoDelaySocketFactory() {
    String noDelay = NoDelaySockets.class.getName();
    Map<String, String> front = RelayDescriptors.of(FRONT, "tspace:r1-3");

    assertTrue(front.get("10_r1-next-channel.xml")
        .contains("<property name=\"socketFactory\" value=\"" + noDelay + "\" />"));
    assertTrue(front.get("30_r1-listen-41001.xml")
        .contains("<server-socket-factory class=\"" + noDelay + "\" />"));
    assertTrue(RelayDescriptors.of(BACK, "tspace:r3-4").values().stream()
        .noneMatch(file -> file.contains(noDelay)));
  }
}
