package dev.baton.tms.deployment;

import java.util.Map;

/**
 * A campaign's progress: its status, rollout, and how many of its terminals' tasks are in each
 * status (PENDING, DOWNLOADING, INSTALLED, FAILED, CANCELLED).
 */
public record Progress(long deploymentId, String name, String status, int rolloutPercent, long targets, long released, Map<String, Long> tasks) {}
