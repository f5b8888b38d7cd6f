package dev.baton.processing;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.LengthPrefixed;
import dev.baton.processing.inflight.RecordLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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

  private static final byte[] NOTHING = new byte[0];

  private final long windowMillis;
  /** Identities seen in the window (kept as bytes in a few arrays: a node holds two minutes of them). */
  private final RecordLog seen = new RecordLog(1);

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
    String identity = identity(Objects.requireNonNull(acquirerId, "acquirer"), request);
    synchronized (seen) {
      seen.expire(nowMillis);
      if (!seen.find(0, identity, nowMillis).isEmpty()) {
        return true;
      }
      seen.append(nowMillis + windowMillis, new String[] {identity}, NOTHING, (byte) 0);
      return false;
    }
  }

  /** Number of requests remembered. */
  public int size() {
    synchronized (seen) {
      return seen.size();
    }
  }

  private static String identity(String acquirerId, IsoMessage request) {
    return LengthPrefixed.join(List.of(acquirerId, request.mti().substring(0, 2), text(request.field(11)),
        text(request.field(7)), text(request.field(37))));
  }

  private static String text(String field) {
    return field == null ? "" : field;
  }
}
