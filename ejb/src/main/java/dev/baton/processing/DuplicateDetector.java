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

  private record Seen(
      String acquirerId, String messageClass, String stan, String sent, String rrn) {}

  private record Sighting(Seen seen, long atMillis) {}

  private final long windowMillis;
  private final ConcurrentHashMap<Seen, Long> lastSeen = new ConcurrentHashMap<>();
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
    Seen seen =
        new Seen(
            Objects.requireNonNull(acquirerId, "acquirer"),
            request.mti().substring(0, 2),
            text(request.field(11)),
            text(request.field(7)),
            text(request.field(37)));
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

  private static String text(String field) {
    return field == null ? "" : field;
  }
}
