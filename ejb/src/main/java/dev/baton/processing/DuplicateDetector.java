package dev.baton.processing;

import dev.baton.connector.api.IsoMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Spots a duplicate transmission: the same acquirer sending a request with the same STAN (11),
 * transmission date and time (7) and retrieval reference (37) within the window. Thread-safe;
 * memory is bounded by time, since every call forgets what is older than the window.
 *
 * <p>The message class (01 authorization, 02 financial, 04 reversal) is part of the identity:
 * acquirers that reference the original by 11+37+41 send the reversal with the original's 11, 7 and
 * 37, and such a reversal is no duplicate of its original.
 */
public final class DuplicateDetector {

  /**
   * A request's identity is one string (acquirer, class, 11, 7, 37, each with its length): a node
   * keeps two minutes of them, and one string is fewer objects for the collector than a record of
   * five.
   */
  private record Sighting(String seen, long atMillis) {}

  private final long windowMillis;
  private final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final Queue<Sighting> byAge = new ConcurrentLinkedQueue<>();

  /**
   * A detector that calls a request a duplicate when its twin came less than {@code window} ago.
   */
  public DuplicateDetector(Duration window) {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a duplicate window is positive, not " + window);
    }
    this.windowMillis = window.toMillis();
  }

  /**
   * Records {@code request} from {@code acquirerId} and says whether the same request was seen
   * within the window. Of two identical requests arriving together, exactly one is the original.
   */
  public boolean isDuplicate(String acquirerId, IsoMessage request, long nowMillis) {
    forgetOld(nowMillis);
    String seen = identity(Objects.requireNonNull(acquirerId, "acquirer"), request);
    boolean[] duplicate = {false};
    lastSeen.compute(
        seen,
        (key, before) -> {
          if (before != null && nowMillis - before < windowMillis) {
            duplicate[0] = true;
            return before;
          }
          return nowMillis;
        });
    if (!duplicate[0]) {
      byAge.add(new Sighting(seen, nowMillis));
    }
    return duplicate[0];
  }

  /** Number of requests remembered. */
  public int size() {
    return lastSeen.size();
  }

  private void forgetOld(long nowMillis) {
    for (Sighting oldest = byAge.peek();
        oldest != null && nowMillis - oldest.atMillis() >= windowMillis;
        oldest = byAge.peek()) {
      if (byAge.remove(oldest)) {
        // Only if not seen again since: the later sighting has its own place in the queue.
        lastSeen.remove(oldest.seen(), oldest.atMillis());
      }
    }
  }

  private static String identity(String acquirerId, IsoMessage request) {
    StringBuilder identity = new StringBuilder(64);
    part(identity, acquirerId);
    identity.append(request.mti(), 0, 2).append('|');
    part(identity, request.field(11));
    part(identity, request.field(7));
    part(identity, request.field(37));
    return identity.toString();
  }

  /** A part with its length first, so that no value can run into the next. */
  private static void part(StringBuilder identity, String value) {
    String text = value == null ? "" : value;
    identity.append(text.length()).append(':').append(text).append('|');
  }
}
