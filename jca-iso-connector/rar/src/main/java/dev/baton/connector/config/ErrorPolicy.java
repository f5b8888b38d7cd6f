package dev.baton.connector.config;

/**
 * What bad frames do to a connection.
 *
 * @param maxConsecutiveBadFrames this many frames in a row that do not unpack close the
 *     connection; a good frame starts the count again
 */
public record ErrorPolicy(int maxConsecutiveBadFrames) {

  public ErrorPolicy {
    if (maxConsecutiveBadFrames < 1) {
      throw new IllegalArgumentException("maxConsecutiveBadFrames must be at least 1");
    }
  }

  /** Five bad frames in a row close the connection. */
  public static ErrorPolicy defaults() {
    return new ErrorPolicy(5);
  }
}
