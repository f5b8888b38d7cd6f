package dev.baton.operations.status;

import java.time.Instant;

/**
 * One second of a node's traffic.
 *
 * @param at the end of the second
 * @param tps answers per second
 * @param latencyMillis mean time from request to answer, 0 when there were none
 */
public record NodeSample(Instant at, double tps, double latencyMillis) {}
