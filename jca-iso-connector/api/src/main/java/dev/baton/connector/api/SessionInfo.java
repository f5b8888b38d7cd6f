package dev.baton.connector.api;

import java.time.Instant;

/**
 * One configured bank session, as it is at the moment it was read.
 *
 * @param bankId the bank
 * @param sessionId the session
 * @param state where it stands
 * @param remoteAddress the peer's address and port while connected, otherwise null
 * @param connectedSince when the current connection came up, otherwise null
 * @param statistics what the session has counted since the adapter started it
 * @param echoOverdue whether the bank has left the configured number of echo tests in a row
 *     unanswered; the session stays connected, and the mark clears at the next answer
 */
public record SessionInfo(
    String bankId,
    String sessionId,
    SessionState state,
    String remoteAddress,
    Instant connectedSince,
    SessionStatistics statistics,
    boolean echoOverdue) {}
