package dev.baton.simulator.baseline;

import dev.baton.simulator.message.NoDelaySockets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Q2 deploy descriptors of relays, by file name: what a jPOS user would write by hand in
 * {@code deploy/}. Every relay prefixes its beans and queues with its name and keeps them in a
 * space of its own, so several relays can share one Q2 (as the tests do), and a relay started
 * again in the same JVM does not find what an earlier one left in a space.
 *
 * <ul>
 *   <li>{@code 00_logger.xml}: the Q2 logger, to a file (no message is logged, only sessions,
 *       connections and errors; no channel has a logger).
 *   <li>towards a next relay: a {@code ChannelAdaptor} dialing it and a {@code QMUX} over its
 *       queues, ready when the adaptor is connected.
 *   <li>towards issuers: per issuer a {@code QServer} the issuer dials into, whose {@code in} and
 *       {@code out} queues carry a {@code QMUX}, ready while the issuer is signed on.
 *   <li>per listening port a {@code QServer} with a {@link RelayListener}.
 * </ul>
 *
 * <p>With {@link RelaySpec#noDelay()}, every channel and server gets {@link NoDelaySockets} as its
 * socket factory; without, the sockets are jPOS's stock ones (Nagle's algorithm on).
 */
final class RelayDescriptors {

  private static final String CHANNEL =
      "<channel class=\"org.jpos.iso.channel.NACChannel\""
          + " packager=\"org.jpos.iso.packager.ISO87BPackager\"";

  /** Nagle's algorithm off, as on Baton's sockets, through jPOS's own socket-factory hooks. */
  private static final String NO_DELAY = NoDelaySockets.class.getName();

  private RelayDescriptors() {}

  static String logger(Path file) {
    return """
        <logger name="Q2" class="org.jpos.q2.qbean.LoggerAdaptor">
          <log-listener class="org.jpos.util.RotateLogListener">
            <property name="file" value="%s" />
            <property name="copies" value="1" />
          </log-listener>
        </logger>
        """.formatted(file.toAbsolutePath());
  }

  /**
   * The descriptors of one relay, in deployment order.
   *
   * @param space the relay's space, e.g. {@code tspace:r1-1}
   */
  static Map<String, String> of(RelaySpec relay, String space) {
    Map<String, String> files = new LinkedHashMap<>();
    String routes;
    switch (relay.downstream()) {
      case RelaySpec.NextRelay next -> {
        String mux = nextMux(relay);
        files.put("10_" + mux + "-channel.xml", channelAdaptor(relay, space, mux, next));
        files.put("20_" + mux + ".xml", mux(space, mux, mux + "-channel.ready"));
        routes = RelayListener.ANY_CARD + "=" + mux;
      }
      case RelaySpec.Issuers issuers -> {
        issuers.portsByBin().forEach((bin, port) -> {
          String mux = relay.name() + "-issuer-" + bin;
          files.put("10_" + mux + "-server.xml", issuerServer(relay, space, mux, port));
          files.put("20_" + mux + ".xml", mux(space, mux, mux + ".signed-on"));
        });
        routes = issuers.portsByBin().keySet().stream()
            .map(bin -> bin + "=" + relay.name() + "-issuer-" + bin)
            .collect(Collectors.joining(","));
      }
    }
    for (int port : relay.listenPorts()) {
      String server = relay.name() + "-listen-" + port;
      files.put("30_" + server + ".xml", listeningServer(relay, space, server, port, routes));
    }
    return files;
  }

  private static String serverSocketFactory(RelaySpec relay) {
    return relay.noDelay() ? "\n  <server-socket-factory class=\"" + NO_DELAY + "\" />" : "";
  }

  /** The QMUX a relay forwards through to the next relay. */
  static String nextMux(RelaySpec relay) {
    return relay.name() + "-next";
  }

  private static String channelAdaptor(
      RelaySpec relay, String space, String mux, RelaySpec.NextRelay next) {
    return """
        <channel-adaptor name="%1$s-channel" class="org.jpos.q2.iso.ChannelAdaptor" logger="Q2">
          %2$s>
            <property name="host" value="%3$s" />
            <property name="port" value="%4$d" />%6$s
          </channel>
          <space>%5$s</space>
          <in>%1$s.send</in>
          <out>%1$s.receive</out>
          <reconnect-delay>500</reconnect-delay>
        </channel-adaptor>
        """.formatted(mux, CHANNEL, next.host(), next.port(), space,
            relay.noDelay()
                ? "\n    <property name=\"socketFactory\" value=\"" + NO_DELAY + "\" />"
                : "");
  }

  private static String mux(String space, String mux, String readyKey) {
    return """
        <mux name="%1$s" class="org.jpos.q2.iso.QMUX" logger="Q2">
          <space>%2$s</space>
          <in>%1$s.receive</in>
          <out>%1$s.send</out>
          <ready>%3$s</ready>
        </mux>
        """.formatted(mux, space, readyKey);
  }

  private static String issuerServer(RelaySpec relay, String space, String mux, int port) {
    return """
        <server name="%1$s-server" class="org.jpos.q2.iso.QServer" logger="Q2">
          <attr name="port" type="java.lang.Integer">%2$d</attr>
          %3$s />%5$s
          <request-listener class="dev.baton.simulator.baseline.IssuerSessionGate">
            <property name="space" value="%4$s" />
            <property name="ready" value="%1$s.signed-on" />
          </request-listener>
          <connection-listener class="dev.baton.simulator.baseline.IssuerSessionGate">
            <property name="space" value="%4$s" />
            <property name="ready" value="%1$s.signed-on" />
          </connection-listener>
          <space>%4$s</space>
          <in>%1$s.send</in>
          <out>%1$s.receive</out>
        </server>
        """.formatted(mux, port, CHANNEL, space, serverSocketFactory(relay));
  }

  private static String listeningServer(
      RelaySpec relay, String space, String server, int port, String routes) {
    return """
        <server name="%1$s" class="org.jpos.q2.iso.QServer" logger="Q2">
          <attr name="port" type="java.lang.Integer">%2$d</attr>
          %3$s />%7$s
          <request-listener class="dev.baton.simulator.baseline.RelayListener">
            <property name="routes" value="%4$s" />
            <property name="timeout" value="%5$d" />
          </request-listener>
          <space>%6$s</space>
        </server>
        """.formatted(server, port, CHANNEL, routes, relay.timeout().toMillis(), space,
            serverSocketFactory(relay));
  }
}
