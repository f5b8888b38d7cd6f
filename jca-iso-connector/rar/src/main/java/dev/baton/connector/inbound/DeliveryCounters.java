package dev.baton.connector.inbound;

import java.util.concurrent.atomic.AtomicLong;

/** What became of one session's inbound messages on the way to the endpoints. */
public final class DeliveryCounters {

  final AtomicLong delivered = new AtomicLong();
  final AtomicLong declined = new AtomicLong();
  final AtomicLong lost = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  Snapshot snapshot(int buffered) {
    return new Snapshot(delivered.get(), buffered, declined.get(), lost.get(), failures.get());
  }

  /**
   * The counters at one moment.
   *
   * @param delivered messages an endpoint took
   * @param buffered messages waiting now
   * @param declined requests declined with RC 91 (deadline passed or buffer full)
   * @param lost other messages dropped (deadline passed, buffer full, or a decline that could not
   *     be written)
   * @param failures deliveries in which the endpoint threw
   */
  public record Snapshot(long delivered, long buffered, long declined, long lost, long failures) {

    /** All zero: a session that has received nothing yet. */
    public static Snapshot none() {
      return new Snapshot(0, 0, 0, 0, 0);
    }
  }
}
