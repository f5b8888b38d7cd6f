package dev.baton.operations.audit;

import java.time.Instant;

/**
 * One bank move, as the switchover wrote it to {@code switchover_history}.
 *
 * @param id its number
 * @param startedAt when it began
 * @param finishedAt when it ended, null while it runs
 * @param actor who asked for it ({@code failover} when the edge moved the banks of a dead node)
 * @param bankId the bank
 * @param fromNode the node it left
 * @param toNode the node it went to
 * @param durationMillis how long it took
 * @param contextsMoved in-flight authorizations handed over
 * @param outcome how it ended
 * @param detail the particulars
 */
public record SwitchoverRecord(
    long id,
    Instant startedAt,
    Instant finishedAt,
    String actor,
    String bankId,
    String fromNode,
    String toNode,
    Long durationMillis,
    Integer contextsMoved,
    String outcome,
    String detail) {}
