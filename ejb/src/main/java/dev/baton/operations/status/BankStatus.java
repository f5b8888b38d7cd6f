package dev.baton.operations.status;

import java.time.Instant;
import java.util.List;

/**
 * One bank as the console and the API show it.
 *
 * @param id the bank
 * @param name its name
 * @param role ACQUIRER, ISSUER or BOTH
 * @param node the node serving it now ({@code A} or {@code B}), null when it has no route
 * @param homeNode the node it is configured to start on, where "move home" takes it
 * @param enabled whether the configuration lets it run
 * @param sessions its configured sessions
 * @param tps frames per second the bank sent over the last sampled second
 * @param inFlight its requests waiting for an answer now
 * @param lastEcho the latest echo answer over its sessions, or null
 * @param errors the sum of its sessions' error counters
 */
public record BankStatus(
    String id,
    String name,
    String role,
    String node,
    String homeNode,
    boolean enabled,
    List<SessionStatus> sessions,
    double tps,
    int inFlight,
    Instant lastEcho,
    long errors) {

  /** Sessions with an open connection. */
  public long connectedSessions() {
    return sessions.stream().filter(SessionStatus::connected).count();
  }

  /** Sessions the bank signed on over. */
  public long signedOnSessions() {
    return sessions.stream().filter(SessionStatus::signedOn).count();
  }
}
