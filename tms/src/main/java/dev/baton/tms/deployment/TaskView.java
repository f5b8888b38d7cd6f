package dev.baton.tms.deployment;

import java.time.Instant;

/** One terminal's task in a deployment, as the operator sees it. */
public record TaskView(long taskId, long terminalId, String serialNumber, String tid, String status, String failureReason, Instant updatedAt) {}
