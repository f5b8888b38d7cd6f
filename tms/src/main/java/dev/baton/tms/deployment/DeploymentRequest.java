package dev.baton.tms.deployment;

import java.time.Instant;
import java.util.List;

/**
 * What an operator pushes, to whom, when, and to how many.
 *
 * @param name shown in the campaign view
 * @param packageId the package to install, or null
 * @param profileVersionId the profile version to apply, or null (exactly one of the two)
 * @param groupId the target group, or null when {@code terminalIds} selects the terminals
 * @param terminalIds the selected terminals, when no group is given
 * @param windowStart terminals get the task from then
 * @param windowEnd until then
 * @param rolloutPercent share of the targets released now (1 to 100), raised later
 */
public record DeploymentRequest(
    String name, Long packageId, Long profileVersionId, Long groupId, List<Long> terminalIds, Instant windowStart, Instant windowEnd,
    int rolloutPercent) {

  public DeploymentRequest {
    terminalIds = terminalIds == null ? List.of() : List.copyOf(terminalIds);
  }
}
