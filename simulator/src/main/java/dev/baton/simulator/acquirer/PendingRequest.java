package dev.baton.simulator.acquirer;

import java.time.Instant;
import org.jpos.iso.ISOMsg;

/**
 * A request sent and not answered yet.
 *
 * @param scheduledNanos when the pacer meant to send it; latency counts from here, so a sender
 *     that falls behind shows up in the latency instead of hiding it (no coordinated omission)
 * @param sentNanos when it actually left; the timeout counts from here
 * @param sentAt the wall-clock time it left, for the unanswered report
 */
public record PendingRequest(
    int session,
    String mti,
    String stan,
    String pan,
    long scheduledNanos,
    long sentNanos,
    Instant sentAt,
    ISOMsg message) {

  /** How answers find their request: MTI of the request, STAN and terminal. */
  static String key(String requestMti, String stan, String terminal) {
    return requestMti + '/' + stan + '/' + terminal;
  }
}
