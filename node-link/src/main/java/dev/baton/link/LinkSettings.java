package dev.baton.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How the edge's {@link NodeLinkClient} watches and reconnects one node.
 *
 * @param heartbeatInterval how often a heartbeat goes out on a connection
 * @param missesToDown unanswered heartbeats that make the node {@link NodeState#DOWN}; fewer (at
 *     least one) make it {@link NodeState#SUSPECT}
 * @param reconnectMin the wait before the first reconnection attempt after a failure or a drop
 * @param reconnectMax the longest wait between attempts; the wait doubles up to it
 * @param connectTimeout how long a TCP connect, and then the node's HELLO, may take
 * @param maxFrameBytes the largest frame length read or written
 */
public record LinkSettings(Duration heartbeatInterval, int missesToDown, Duration reconnectMin,
    Duration reconnectMax, Duration connectTimeout, int maxFrameBytes) {

  /** Room for a HELLO with long names and a useful ISO message; anything smaller is a mistake. */
  public static final int MIN_FRAME_BYTES = 1024;

  public LinkSettings {
    positive(heartbeatInterval, "heartbeatInterval");
    positive(reconnectMin, "reconnectMin");
    positive(reconnectMax, "reconnectMax");
    positive(connectTimeout, "connectTimeout");
    if (missesToDown < 1) {
      throw new IllegalArgumentException("missesToDown must be at least 1: " + missesToDown);
    }
    if (reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnectMax " + reconnectMax
          + " is shorter than reconnectMin " + reconnectMin);
    }
    // Socket timeouts are int milliseconds.
    if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout too long: " + connectTimeout);
    }
    if (maxFrameBytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES
          + ": " + maxFrameBytes);
    }
  }

  /**
   * A heartbeat every 100 ms, DOWN after 3 unanswered (so a dead node is noticed within about
   * 300 ms), reconnection from 50 ms doubling to 2 s, 1 s to connect, frames up to 64 KiB.
   */
  public static LinkSettings defaults() {
    return new LinkSettings(Duration.ofMillis(100), 3, Duration.ofMillis(50), Duration.ofSeconds(2),
        Duration.ofSeconds(1), FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
