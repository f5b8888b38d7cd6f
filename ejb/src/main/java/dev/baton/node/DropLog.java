package dev.baton.node;

import java.util.function.Consumer;

/**
 * The log lines of messages a node drops (an issuer answer with no request in flight, say): each
 * one on its own line, up to a number per second, then only counted, and the count said in one
 * line once that second is over. When a node dies, the edge gives the survivor every issuer answer
 * of the dead node's last second again, in case one belongs to a context it takes over; with
 * replication {@code none} there is none, and a line for each of nearly two thousand kept the
 * survivor's thread from its new traffic for hundreds of milliseconds. Thread-safe.
 */
final class DropLog {

  private static final long WINDOW_MILLIS = 1_000;

  private final int linesPerWindow;
  private final Consumer<String> out;
  private long windowStart = Long.MIN_VALUE;
  private int lines;
  private int counted;

  /** Writes at most {@code linesPerWindow} drop lines a second to {@code out}, then counts. */
  DropLog(int linesPerWindow, Consumer<String> out) {
    if (linesPerWindow < 1) {
      throw new IllegalArgumentException("at least one line a second, not " + linesPerWindow);
    }
    this.linesPerWindow = linesPerWindow;
    this.out = out;
  }

  /** A message was dropped for {@code reason}. */
  synchronized void dropped(String reason, long nowMillis) {
    tick(nowMillis);
    if (windowStart == Long.MIN_VALUE) {
      windowStart = nowMillis;
    }
    if (lines < linesPerWindow) {
      lines++;
      out.accept("dropped: " + reason);
    } else {
      counted++;
    }
  }

  /** Says how many were only counted, once their second is over. */
  synchronized void tick(long nowMillis) {
    if (windowStart == Long.MIN_VALUE || nowMillis - windowStart < WINDOW_MILLIS) {
      return;
    }
    if (counted > 0) {
      out.accept("dropped " + counted + " more in the same second, not each logged (the first " + lines
          + " were)");
    }
    windowStart = Long.MIN_VALUE;
    lines = 0;
    counted = 0;
  }
}
