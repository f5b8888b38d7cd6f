package dev.baton.connector.framing;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The limits a session puts on what its peer sends.
 *
 * @param maxFrameBytes the largest length prefix accepted (header included); a larger one is
 *     refused before any buffer is allocated for it
 * @param readTimeout how long the rest of a frame may take once its first byte arrived; a slow
 *     or stalled partial frame ends the connection after this
 * @param idleTimeout how long the connection may stay silent between frames; zero waits forever
 * @param oversizedFrames what an oversized length prefix does to the connection
 * @param tpduHex the TPDU (10 hex digits) put on frames the adapter originates, for framings
 *     with a TPDU
 */
public record FrameRules(
    int maxFrameBytes,
    Duration readTimeout,
    Duration idleTimeout,
    OversizedFramePolicy oversizedFrames,
    String tpduHex) {

  public FrameRules {
    if (maxFrameBytes < 32 || maxFrameBytes > 99_999) {
      throw new IllegalArgumentException("maxFrameBytes must be within 32..99999: " + maxFrameBytes);
    }
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(oversizedFrames, "oversizedFrames");
    if (HexFormat.of().parseHex(tpduHex).length != 5) {
      throw new IllegalArgumentException("a TPDU is 5 bytes (10 hex digits): " + tpduHex);
    }
  }

  /** Rules that suit the demo banks: 8 KiB frames, 5 s to finish a frame, no idle limit. */
  public static FrameRules defaults() {
    return new FrameRules(
        8192, Duration.ofSeconds(5), Duration.ZERO, OversizedFramePolicy.CLOSE, Framing.DEFAULT_TPDU);
  }

  /** The same rules with another maximum frame size. */
  public FrameRules withMaxFrameBytes(int max) {
    return new FrameRules(max, readTimeout, idleTimeout, oversizedFrames, tpduHex);
  }

  /** The same rules with another read timeout. */
  public FrameRules withReadTimeout(Duration timeout) {
    return new FrameRules(maxFrameBytes, timeout, idleTimeout, oversizedFrames, tpduHex);
  }

  /** The same rules with another policy for oversized frames. */
  public FrameRules withOversizedFrames(OversizedFramePolicy policy) {
    return new FrameRules(maxFrameBytes, readTimeout, idleTimeout, policy, tpduHex);
  }

  byte[] tpdu() {
    return HexFormat.of().parseHex(tpduHex);
  }
}
