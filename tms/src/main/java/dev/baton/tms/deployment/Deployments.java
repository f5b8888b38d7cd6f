package dev.baton.tms.deployment;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.terminal.FleetStructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates and steers deployments. Targets are fixed when the deployment is created (the group's
 * members then, or the selection), skipping decommissioned terminals and, for a package that
 * names its models, terminals of other models. Each target gets a task with a stable rollout
 * bucket; raising the percentage releases more buckets.
 */
public final class Deployments {

  private final Transactions transactions;
  private final SoftwarePackages packages;

  public Deployments(Transactions transactions, SoftwarePackages packages) {
    this.transactions = transactions;
    this.packages = packages;
  }

  /**
   * @return the new deployment's id
   * @throws InvalidInput on an inconsistent request or a package whose stored bytes no longer
   *     match their SHA-256
   * @throws NotFound when a package, version, group or terminal is not the tenant's
   */
  public long create(TenantScope scope, DeploymentRequest request) {
    if ((request.packageId() == null) == (request.profileVersionId() == null)) {
      throw new InvalidInput("packageId", "give either a package or a profile version");
    }
    if ((request.groupId() == null) == request.terminalIds().isEmpty()) {
      throw new InvalidInput("groupId", "give either a group or a selection of terminals");
    }
    if (request.rolloutPercent() < 1 || request.rolloutPercent() > 100) {
      throw new InvalidInput("rolloutPercent", request.rolloutPercent() + " is not between 1 and 100");
    }
    if (request.windowStart() == null || request.windowEnd() == null || !request.windowEnd().isAfter(request.windowStart())) {
      throw new InvalidInput("windowEnd", "the window must end after it starts");
    }
    if (request.packageId() != null && !packages.verify(scope, request.packageId())) {
      throw new InvalidInput("packageId", "the stored bytes of package " + request.packageId() + " no longer match their SHA-256; upload it again");
    }
    return transactions.inTransaction(connection -> {
      if (request.profileVersionId() != null) {
        requireOwnedVersion(connection, scope, request.profileVersionId());
      }
      if (request.groupId() != null) {
        FleetStructure.requireOwned(connection, scope, "tms_group", "group", request.groupId());
      } else {
        for (long terminalId : request.terminalIds()) {
          FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
        }
      }
      long id = insert(connection, scope, request);
      int targets = createTasks(connection, scope, id, request);
      AuditLog.record(connection, scope, "tms.deployment.create", "deployment " + id,
          request.name() + ": " + (request.packageId() != null ? "package " + request.packageId() : "profile version " + request.profileVersionId())
              + " to " + (request.groupId() != null ? "group " + request.groupId() : request.terminalIds().size() + " selected terminal(s)")
              + ", " + targets + " target(s), rollout " + request.rolloutPercent() + "%, window " + request.windowStart() + " .. " + request.windowEnd());
      return id;
    });
  }

  public void pause(TenantScope scope, long deploymentId) {
    move(scope, deploymentId, "RUNNING", "PAUSED", "pause");
  }

  public void resume(TenantScope scope, long deploymentId) {
    move(scope, deploymentId, "PAUSED", "RUNNING", "resume");
  }

  /** Cancels the deployment; tasks not yet finished are cancelled, finished ones stay as they are. */
  public void cancel(TenantScope scope, long deploymentId) {
    transactions.inTransaction(connection -> {
      String status = statusForUpdate(connection, scope, deploymentId);
      if (status.equals("CANCELLED")) {
        throw new InvalidInput("status", "deployment " + deploymentId + " is cancelled already");
      }
      update(connection, "UPDATE tms_deployment SET status = 'CANCELLED' WHERE id = ?", deploymentId);
      int cancelled = update(connection,
          "UPDATE tms_task SET status = 'CANCELLED', updated_at = now() WHERE deployment_id = ? AND status IN ('PENDING', 'DOWNLOADING')",
          deploymentId);
      AuditLog.record(connection, scope, "tms.deployment.cancel", "deployment " + deploymentId, cancelled + " open task(s) cancelled");
      return null;
    });
  }

  public void setRollout(TenantScope scope, long deploymentId, int percent) {
    if (percent < 1 || percent > 100) {
      throw new InvalidInput("rolloutPercent", percent + " is not between 1 and 100");
    }
    transactions.inTransaction(connection -> {
      statusForUpdate(connection, scope, deploymentId);
      try (PreparedStatement update = connection.prepareStatement("UPDATE tms_deployment SET rollout_percent = ? WHERE id = ?")) {
        update.setInt(1, percent);
        update.setLong(2, deploymentId);
        update.executeUpdate();
      }
      AuditLog.record(connection, scope, "tms.deployment.rollout", "deployment " + deploymentId, percent + "%");
      return null;
    });
  }

  public Progress progress(TenantScope scope, long deploymentId) {
    return transactions.inTransaction(connection -> {
      String name;
      String status;
      int percent;
      try (PreparedStatement select =
          connection.prepareStatement("SELECT name, status, rollout_percent FROM tms_deployment WHERE id = ? AND tenant_id = ?")) {
        select.setLong(1, deploymentId);
        select.setLong(2, scope.tenantId());
        try (ResultSet r = select.executeQuery()) {
          if (!r.next()) {
            throw new NotFound("deployment", deploymentId);
          }
          name = r.getString(1);
          status = r.getString(2);
          percent = r.getInt(3);
        }
      }
      Map<String, Long> tasks = new LinkedHashMap<>();
      for (String s : List.of("PENDING", "DOWNLOADING", "INSTALLED", "FAILED", "CANCELLED")) {
        tasks.put(s, 0L);
      }
      long targets = 0;
      long released = 0;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT status, count(*), count(*) FILTER (WHERE rollout_bucket < ?) FROM tms_task WHERE deployment_id = ? GROUP BY status")) {
        select.setInt(1, percent);
        select.setLong(2, deploymentId);
        try (ResultSet r = select.executeQuery()) {
          while (r.next()) {
            tasks.put(r.getString(1), r.getLong(2));
            targets += r.getLong(2);
            released += r.getLong(3);
          }
        }
      }
      return new Progress(deploymentId, name, status, percent, targets, released, tasks);
    });
  }

  /** The tasks of a deployment, by terminal id, from {@code afterTerminalId} on. */
  public List<TaskView> tasks(TenantScope scope, long deploymentId, long afterTerminalId, int limit) {
    return transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_deployment", "deployment", deploymentId);
      List<TaskView> views = new ArrayList<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT k.id, k.terminal_id, t.serial_number, t.tid, k.status, k.failure_reason, k.updated_at FROM tms_task k "
                  + "JOIN tms_terminal t ON t.id = k.terminal_id WHERE k.deployment_id = ? AND k.tenant_id = ? AND k.terminal_id > ? "
                  + "ORDER BY k.terminal_id LIMIT ?")) {
        select.setLong(1, deploymentId);
        select.setLong(2, scope.tenantId());
        select.setLong(3, afterTerminalId);
        select.setInt(4, Math.min(limit, 1000));
        try (ResultSet r = select.executeQuery()) {
          while (r.next()) {
            views.add(new TaskView(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getTimestamp(7).toInstant()));
          }
        }
      }
      return views;
    });
  }

  private void move(TenantScope scope, long deploymentId, String from, String to, String action) {
    transactions.inTransaction(connection -> {
      String status = statusForUpdate(connection, scope, deploymentId);
      if (!status.equals(from)) {
        throw new InvalidInput("status", "deployment " + deploymentId + " is " + status + ", not " + from);
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE tms_deployment SET status = ? WHERE id = ?")) {
        update.setString(1, to);
        update.setLong(2, deploymentId);
        update.executeUpdate();
      }
      AuditLog.record(connection, scope, "tms.deployment." + action, "deployment " + deploymentId, from + " -> " + to);
      return null;
    });
  }

  private static String statusForUpdate(Connection connection, TenantScope scope, long deploymentId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT status FROM tms_deployment WHERE id = ? AND tenant_id = ? FOR UPDATE")) {
      select.setLong(1, deploymentId);
      select.setLong(2, scope.tenantId());
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          throw new NotFound("deployment", deploymentId);
        }
        return r.getString(1);
      }
    }
  }

  private static void requireOwnedVersion(Connection connection, TenantScope scope, long versionId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM tms_parameter_profile_version v JOIN tms_parameter_profile p ON p.id = v.profile_id WHERE v.id = ? AND p.tenant_id = ?")) {
      select.setLong(1, versionId);
      select.setLong(2, scope.tenantId());
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          throw new NotFound("profile version", versionId);
        }
      }
    }
  }

  private static long insert(Connection connection, TenantScope scope, DeploymentRequest request) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tms_deployment (tenant_id, name, package_id, profile_version_id, group_id, window_start, window_end, "
                + "rollout_percent, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setLong(1, scope.tenantId());
      insert.setString(2, request.name());
      insert.setObject(3, request.packageId());
      insert.setObject(4, request.profileVersionId());
      insert.setObject(5, request.groupId());
      insert.setTimestamp(6, Timestamp.from(request.windowStart()));
      insert.setTimestamp(7, Timestamp.from(request.windowEnd()));
      insert.setInt(8, request.rolloutPercent());
      insert.setString(9, scope.actor());
      try (ResultSet r = insert.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static int createTasks(Connection connection, TenantScope scope, long deploymentId, DeploymentRequest request) throws SQLException {
    String targets = request.groupId() != null ? "t.group_id = ?" : "t.id = ANY (?)";
    String compatible = request.packageId() == null ? ""
        : " AND (NOT EXISTS (SELECT 1 FROM tms_package_model pm WHERE pm.package_id = ?) "
            + "OR t.model_id IN (SELECT pm.model_id FROM tms_package_model pm WHERE pm.package_id = ?))";
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tms_task (tenant_id, terminal_id, deployment_id, kind, rollout_bucket) "
                + "SELECT t.tenant_id, t.id, ?, ?, (hashint8(t.id)::bigint & 2147483647) % 100 FROM tms_terminal t "
                + "WHERE t.tenant_id = ? AND t.status <> 'DECOMMISSIONED' AND " + targets + compatible)) {
      insert.setLong(1, deploymentId);
      insert.setString(2, request.packageId() != null ? "PACKAGE" : "PROFILE");
      insert.setLong(3, scope.tenantId());
      if (request.groupId() != null) {
        insert.setLong(4, request.groupId());
      } else {
        insert.setArray(4, connection.createArrayOf("bigint", request.terminalIds().toArray(Long[]::new)));
      }
      if (request.packageId() != null) {
        insert.setLong(5, request.packageId());
        insert.setLong(6, request.packageId());
      }
      return insert.executeUpdate();
    }
  }

  private static int update(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, id);
      return update.executeUpdate();
    }
  }

}
