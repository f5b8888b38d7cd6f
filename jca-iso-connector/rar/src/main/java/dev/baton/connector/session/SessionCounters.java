package dev.baton.connector.session;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one configured session has seen since the adapter started, over all its connections.
 * Read by the console and exported as metrics; updated from the session's threads.
 */
public final class SessionCounters {

  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong framesOut = new AtomicLong();
  private final AtomicLong badFrames = new AtomicLong();
  private final AtomicLong formatErrorsAnswered = new AtomicLong();
  private final AtomicLong droppedFrames = new AtomicLong();
  private final AtomicLong oversizedFrames = new AtomicLong();
  private final AtomicLong readTimeouts = new AtomicLong();
  private final AtomicLong writeTimeouts = new AtomicLong();
  private final AtomicLong refusedConnections = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicReference<Instant> lastMessageAt = new AtomicReference<>();

  /** A frame read, whether it unpacked or not. */
  void frameIn() {
    framesIn.incrementAndGet();
    lastMessageAt.set(Instant.now());
  }

  void frameOut() {
    framesOut.incrementAndGet();
  }

  void badFrame() {
    badFrames.incrementAndGet();
  }

  void formatErrorAnswered() {
    formatErrorsAnswered.incrementAndGet();
  }

  void dropped() {
    droppedFrames.incrementAndGet();
  }

  void oversized() {
    oversizedFrames.incrementAndGet();
  }

  void readTimeout() {
    readTimeouts.incrementAndGet();
  }

  void writeTimeout() {
    writeTimeouts.incrementAndGet();
  }

  /** A connection refused before it became a session (source address not allowed). */
  public void refusedConnection() {
    refusedConnections.incrementAndGet();
  }

  void connected() {
    connections.incrementAndGet();
  }

  /** A copy of the counters as they are now. */
  public Snapshot snapshot() {
    return new Snapshot(framesIn.get(), framesOut.get(), badFrames.get(), formatErrorsAnswered.get(),
        droppedFrames.get(), oversizedFrames.get(), readTimeouts.get(), refusedConnections.get(),
        connections.get(), lastMessageAt.get(), writeTimeouts.get());
  }

  /**
   * The counters at one moment.
   *
   * @param framesIn frames read (good and bad)
   * @param framesOut frames written
   * @param badFrames frames that did not unpack, or had an unusable MTI
   * @param formatErrorsAnswered bad frames answered with RC 30
   * @param droppedFrames bad frames that could not be answered
   * @param oversizedFrames length prefixes over the maximum frame size
   * @param readTimeouts partial frames that did not complete in time
   * @param refusedConnections connections from addresses not allowed
   * @param connections connections that became sessions
   * @param lastMessageAt when the last frame arrived, or null
   * @param writeTimeouts connections ended because the bank read nothing for the write timeout
   */
  public record Snapshot(
      long framesIn,
      long framesOut,
      long badFrames,
      long formatErrorsAnswered,
      long droppedFrames,
      long oversizedFrames,
      long readTimeouts,
      long refusedConnections,
      long connections,
      Instant lastMessageAt,
      long writeTimeouts) {}
}
