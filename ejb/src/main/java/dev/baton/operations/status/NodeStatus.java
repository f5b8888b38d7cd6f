package dev.baton.operations.status;

import java.time.Instant;
import java.util.List;

/**
 * One processing node as the edge sees it.
 *
 * @param id {@code A} or {@code B}
 * @param state {@code UP}, {@code SUSPECT} or {@code DOWN}
 * @param stateReason why it is in that state
 * @param lastHeartbeat when it last answered a heartbeat, or null if it never has
 * @param heartbeatAgeMillis milliseconds since then, or -1 if it never has
 * @param banks the banks routed to it
 * @param inFlight requests sent to it that wait for an answer now
 * @param tps answers per second over the last sampled second
 * @param latencyMillis mean time from request to answer over the last sampled second, or 0
 */
public record NodeStatus(
    String id,
    String state,
    String stateReason,
    Instant lastHeartbeat,
    long heartbeatAgeMillis,
    List<String> banks,
    int inFlight,
    double tps,
    double latencyMillis) {}
