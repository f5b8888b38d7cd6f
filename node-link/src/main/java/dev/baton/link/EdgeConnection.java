package dev.baton.link;

import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Heartbeat;
import dev.baton.link.Frame.HeartbeatAck;
import dev.baton.link.Frame.Hello;
import dev.baton.link.Frame.Refused;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The reader of one edge's connection to a {@link NodeLinkServer}: the HELLO exchange, then the
 * edge's frames until the connection ends. Heartbeats are answered here, on the reader thread, so
 * that an answer proves this connection is being read, not merely that the process is alive.
 */
final class EdgeConnection implements Runnable {

  private static final Logger LOG = System.getLogger(EdgeConnection.class.getName());

  private final NodeLinkServer server;
  private final LinkConnection link;
  // Set once the HELLO is done; read by the same thread only.
  private String peerName;
  // Set when the edge announced its close (CLOSING); read by the same thread only.
  private String announced;

  EdgeConnection(NodeLinkServer server, LinkConnection link) {
    this.server = server;
    this.link = link;
  }

  @Override
  public void run() {
    String reason = "reader stopped";
    try {
      reason = serve();
    } finally {
      server.ended(link, peerName, link.closeReasonOr(reason), announced != null);
    }
  }

  private String serve() {
    try {
      link.readTimeout(NodeLinkServer.HELLO_TIMEOUT);
      Frame first = link.read();
      if (first == null) {
        return "closed by peer before HELLO";
      }
      Hello hello = answerHello(first);
      link.readTimeout(Duration.ZERO);
      peerName = hello.name();
      server.connected(link, peerName);
      for (Frame frame = link.read(); frame != null; frame = link.read()) {
        switch (frame) {
          case Heartbeat beat -> {
            if (server.answersHeartbeats()) {
              link.write(new HeartbeatAck(beat.sequence(), beat.sentAtNanos()));
            }
          }
          // The node sends no heartbeats, so there is nothing to match an answer with.
          case HeartbeatAck _ -> { }
          case Hello _ -> throw new LinkProtocolException("HELLO again after the handshake");
          case Data _ -> server.deliver(frame, link.moreToRead());
          case Refused _ -> server.deliver(frame, true);
          case Control _ -> {
            String closing = LinkConnection.closingReason(frame);
            if (closing == null) {
              server.deliver(frame, true);
            } else {
              announced = "closed by the edge: " + closing;
            }
          }
        }
      }
      return link.closeReasonOr(announced != null ? announced : "closed by peer");
    } catch (SocketTimeoutException e) {
      // Only the HELLO is read under a timeout.
      return "no HELLO within " + NodeLinkServer.HELLO_TIMEOUT.toSeconds() + " s";
    } catch (LinkProtocolException e) {
      server.protocolError();
      LOG.log(Level.WARNING, "{0}: connection from {1}{2}: protocol error, closing it: {3}",
          server.owner(), link.peer(), peerName == null ? "" : " (edge " + peerName + ")",
          e.getMessage());
      return "protocol error: " + e.getMessage();
    } catch (IOException e) {
      return link.closeReasonOr("connection lost: " + e.getMessage());
    }
  }

  /**
   * Answers the edge's HELLO with this node's, then checks it. The answer goes out even to an
   * edge that speaks another version, so that its log names both versions too.
   */
  private Hello answerHello(Frame first) throws IOException {
    if (!(first instanceof Hello hello)) {
      throw new LinkProtocolException("expected HELLO first, got " + FrameCodec.typeName(first));
    }
    link.write(new Hello(FrameCodec.PROTOCOL_VERSION, Hello.NODE, server.name()));
    if (hello.version() != FrameCodec.PROTOCOL_VERSION) {
      throw new LinkProtocolException("edge " + hello.name() + " speaks node-link version "
          + hello.version() + ", this node speaks version " + FrameCodec.PROTOCOL_VERSION);
    }
    if (!Hello.EDGE.equals(hello.role())) {
      throw new LinkProtocolException(hello.name() + " introduced itself as role " + hello.role()
          + ", not " + Hello.EDGE);
    }
    return hello;
  }
}
