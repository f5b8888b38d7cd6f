package dev.baton.connector.framing;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The limits a session puts on what its peer sends, and on how long it waits for the peer to read.
 *
 * @param maxFrameBytes the largest length prefix accepted (header included); a larger one is
 *     refused before any buffer is allocated for it
 * @param readTimeout how long the rest of a frame may take once its first byte arrived; a slow
 *     or stalled partial frame ends the connection after this
 * @param idleTimeout how long the connection may stay silent between frames; zero waits forever
 * @param oversizedFrames what an oversized length prefix does to the connection
 * @param tpduHex the TPDU (10 hex digits) put on frames the adapter originates, for framings
 *     with a TPDU
 * @param writeTimeout how long a write to the peer may wait for the peer to read (its receive
 *     window full); past it the connection ends, freeing the threads that write to this session
 *     and those waiting behind them; zero waits forever
 */
public record FrameRules(
    int maxFrameBytes,
    Duration readTimeout,
    Duration idleTimeout,
    OversizedFramePolicy oversizedFrames,
    String tpduHex,
    Duration writeTimeout) {

  public FrameRules {
    if (maxFrameBytes < 32 || maxFrameBytes > 99_999) {
      throw new IllegalArgumentException("maxFrameBytes must be within 32..99999: " + maxFrameBytes);
    }
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(oversizedFrames, "oversizedFrames");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    if (readTimeout.isNegative() || idleTimeout.isNegative() || writeTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be >= 0");
    }
    if (HexFormat.of().parseHex(tpduHex).length != 5) {
      throw new IllegalArgumentException("a TPDU is 5 bytes (10 hex digits): " + tpduHex);
    }
  }

  /**
   * Rules that suit the demo banks: 8 KiB frames, 5 s to finish a frame, no idle limit, 2 s for a
   * write the bank does not read.
   */
  public static FrameRules defaults() {
    return new FrameRules(8192, Duration.ofSeconds(5), Duration.ZERO, OversizedFramePolicy.CLOSE,
        Framing.DEFAULT_TPDU, DEFAULT_WRITE_TIMEOUT);
  }

  /**
   * How long a write waits for a bank that does not read, unless configured otherwise: far above
   * any healthy write (microseconds into the kernel's buffer), and short enough that the answers
   * of the other banks written by the same thread are not held past their acquirers' patience.
   */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** The same rules with another maximum frame size. */
  public FrameRules withMaxFrameBytes(int max) {
    return new FrameRules(max, readTimeout, idleTimeout, oversizedFrames, tpduHex, writeTimeout);
  }

  /** The same rules with another read timeout. */
  public FrameRules withReadTimeout(Duration timeout) {
    return new FrameRules(maxFrameBytes, timeout, idleTimeout, oversizedFrames, tpduHex, writeTimeout);
  }

  /** The same rules with another policy for oversized frames. */
  public FrameRules withOversizedFrames(OversizedFramePolicy policy) {
    return new FrameRules(maxFrameBytes, readTimeout, idleTimeout, policy, tpduHex, writeTimeout);
  }

  /** The same rules with another write timeout. */
  public FrameRules withWriteTimeout(Duration timeout) {
    return new FrameRules(maxFrameBytes, readTimeout, idleTimeout, oversizedFrames, tpduHex, timeout);
  }

  byte[] tpdu() {
    return HexFormat.of().parseHex(tpduHex);
  }
}
