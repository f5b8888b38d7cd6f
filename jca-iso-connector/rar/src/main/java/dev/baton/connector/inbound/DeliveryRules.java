package dev.baton.connector.inbound;

import java.time.Duration;

/**
 * How long and how much inbound traffic may wait for an endpoint.
 *
 * @param bufferCapacity the most messages one session holds while no endpoint takes them
 * @param deadline how long after arrival a message may still be delivered; a request still
 *     waiting then is declined with RC 91
 */
public record DeliveryRules(int bufferCapacity, Duration deadline) {

  public DeliveryRules {
    if (bufferCapacity < 1) {
      throw new IllegalArgumentException("bufferCapacity must be at least 1: " + bufferCapacity);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
  }

  /** 1,000 messages per session, 5 seconds. */
  public static DeliveryRules defaults() {
    return new DeliveryRules(1000, Duration.ofSeconds(5));
  }

  /**
   * How often waiting messages are checked against their deadline: a fiftieth of it, between 10
   * and 100 ms, so a decline goes out close to the deadline without a timer per message.
   */
  Duration sweepInterval() {
    long millis = Math.clamp(deadline.toMillis() / 50, 10, 100);
    return Duration.ofMillis(millis);
  }
}
