package dev.baton.tms.deployment;

import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Rows;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.terminal.FleetStructure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What an operator reads of deployments beside their progress: the tenant's campaigns, newest
 * first, each with what it pushes to whom; and the tasks one terminal was given, by deployments
 * and by log requests. Changes go through {@link Deployments}.
 */
public final class Campaigns {

  /**
   * One deployment.
   *
   * @param content "package NAME VERSION" or "profile NAME version N"
   * @param target "group NAME" or "N selected terminal(s)"
   */
  public record Campaign(
      long id, String name, String content, String target, String status, Instant windowStart, Instant windowEnd, int rolloutPercent,
      Instant createdAt, String createdBy, long targets, long installed, long failed) {}

  /** A task of one terminal: from a deployment (with its name) or a log request (no deployment). */
  public record Assignment(
      long taskId, String kind, Long deploymentId, String deployment, String status, String failureReason, Instant updatedAt,
      boolean logsUploaded) {}

  private static final String CAMPAIGN =
      "SELECT d.id, d.name, coalesce('package ' || p.name || ' ' || p.version, 'profile ' || pp.name || ' version ' || v.version), "
          + "coalesce('group ' || g.name, c.n || ' selected terminal(s)'), d.status, d.window_start, d.window_end, d.rollout_percent, "
          + "d.created_at, d.created_by, c.n, c.installed, c.failed FROM tms_deployment d "
          + "LEFT JOIN tms_package p ON p.id = d.package_id "
          + "LEFT JOIN tms_parameter_profile_version v ON v.id = d.profile_version_id "
          + "LEFT JOIN tms_parameter_profile pp ON pp.id = v.profile_id "
          + "LEFT JOIN tms_group g ON g.id = d.group_id "
          + "CROSS JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE k.status = 'INSTALLED') AS installed, "
          + "count(*) FILTER (WHERE k.status = 'FAILED') AS failed FROM tms_task k WHERE k.deployment_id = d.id) c "
          + "WHERE d.tenant_id = ? ";

  private final Transactions transactions;

  public Campaigns(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The tenant's latest {@code limit} deployments, newest first. */
  public List<Campaign> list(TenantScope scope, int limit) {
    return transactions.inTransaction(
        connection -> Rows.list(connection, CAMPAIGN + "ORDER BY d.id DESC LIMIT ?", Campaigns::campaign, scope.tenantId(), Math.clamp(limit, 1, 1000)));
  }

  /** @throws NotFound when the deployment is not the caller's tenant's */
  public Campaign find(TenantScope scope, long deploymentId) {
    List<Campaign> found =
        transactions.inTransaction(connection -> Rows.list(connection, CAMPAIGN + "AND d.id = ?", Campaigns::campaign, scope.tenantId(), deploymentId));
    if (found.isEmpty()) {
      throw new NotFound("deployment", deploymentId);
    }
    return found.getFirst();
  }

  /** The terminal's tasks, newest first. */
  public List<Assignment> ofTerminal(TenantScope scope, long terminalId) {
    return transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
      return Rows.list(connection,
          "SELECT k.id, k.kind, k.deployment_id, d.name, k.status, k.failure_reason, k.updated_at, l.task_id IS NOT NULL "
              + "FROM tms_task k LEFT JOIN tms_deployment d ON d.id = k.deployment_id LEFT JOIN tms_log_upload l ON l.task_id = k.id "
              + "WHERE k.terminal_id = ? AND k.tenant_id = ? ORDER BY k.id DESC LIMIT 200",
          r -> new Assignment(r.getLong(1), r.getString(2), r.getObject(3, Long.class), r.getString(4), r.getString(5), r.getString(6),
              r.getTimestamp(7).toInstant(), r.getBoolean(8)),
          terminalId, scope.tenantId());
    });
  }

  private static Campaign campaign(ResultSet r) throws SQLException {
    return new Campaign(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getTimestamp(6).toInstant(),
        r.getTimestamp(7).toInstant(), r.getInt(8), r.getTimestamp(9).toInstant(), r.getString(10), r.getLong(11), r.getLong(12), r.getLong(13));
  }
}
