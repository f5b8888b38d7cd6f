package dev.baton.tms.device;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.packages.ObjectStore;
import dev.baton.tms.terminal.FleetStructure;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of terminals: what a terminal is given, deferral while it is busy, downloads and
 * results; and log uploads, asked for by an operator and landing in the object store.
 */
public final class TerminalTasks {

  /** A terminal may put a task off for at most this long at a time. */
  public static final Duration LONGEST_DEFERRAL = Duration.ofHours(24);

  /** Tasks a terminal is given now (on alias {@code k} of {@code tms_task}). */
  static final String RELEASED =
      "k.status IN ('PENDING', 'DOWNLOADING') AND (k.deferred_until IS NULL OR k.deferred_until <= now()) "
          + "AND (k.deployment_id IS NULL OR EXISTS (SELECT 1 FROM tms_deployment d WHERE d.id = k.deployment_id "
          + "AND d.status = 'RUNNING' AND now() >= d.window_start AND now() < d.window_end AND k.rollout_bucket < d.rollout_percent))";

  /** Where a log upload was stored. */
  public record LogFile(String storageKey, long size, String sha256) {}

  private final Transactions transactions;
  private final ObjectStore store;

  public TerminalTasks(Transactions transactions, ObjectStore store) {
    this.transactions = transactions;
    this.store = store;
  }

  /** The tasks the terminal should work on now. */
  public List<TerminalTask> released(TerminalIdentity terminal) {
    return transactions.inTransaction(connection -> {
      List<TerminalTask> tasks = new ArrayList<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT k.id, k.kind, k.status, p.id, p.name, p.version, p.sha256, p.size_bytes, v.profile_id, v.version "
                  + "FROM tms_task k LEFT JOIN tms_deployment dd ON dd.id = k.deployment_id "
                  + "LEFT JOIN tms_package p ON p.id = dd.package_id "
                  + "LEFT JOIN tms_parameter_profile_version v ON v.id = dd.profile_version_id "
                  + "WHERE k.terminal_id = ? AND " + RELEASED + " ORDER BY k.id")) {
        select.setLong(1, terminal.terminalId());
        try (ResultSet r = select.executeQuery()) {
          while (r.next()) {
            tasks.add(new TerminalTask(
                r.getLong(1), r.getString(2), r.getString(3), r.getObject(4, Long.class), r.getString(5), r.getString(6),
                r.getString(7), r.getObject(8, Long.class), r.getObject(9, Long.class), r.getObject(10, Integer.class)));
          }
        }
      }
      return tasks;
    });
  }

  /** The terminal is busy (mid-transaction, say): the task comes back after {@code until}. */
  public void defer(TerminalIdentity terminal, long taskId, Instant until, Instant now) {
    if (until == null || !until.isAfter(now)) {
      throw new InvalidInput("until", "must be in the future");
    }
    if (until.isAfter(now.plus(LONGEST_DEFERRAL))) {
      throw new InvalidInput("until", "a task is deferred by " + LONGEST_DEFERRAL.toHours() + " hours at most");
    }
    transactions.inTransaction(connection -> {
      openTask(connection, terminal, taskId);
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE tms_task SET deferred_until = ?, updated_at = now() WHERE id = ?")) {
        update.setTimestamp(1, Timestamp.from(until));
        update.setLong(2, taskId);
        update.executeUpdate();
      }
      return null;
    });
  }

  /**
   * The terminal starts downloading a package: its open task for that package becomes
   * DOWNLOADING. A terminal downloads only packages of its own tenant.
   */
  public void downloading(TerminalIdentity terminal, long packageId) {
    transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, new TenantScope(terminal.tenantId(), null), "tms_package", "package", packageId);
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE tms_task k SET status = 'DOWNLOADING', updated_at = now() FROM tms_deployment d "
                  + "WHERE d.id = k.deployment_id AND d.package_id = ? AND k.terminal_id = ? AND k.status = 'PENDING'")) {
        update.setLong(1, packageId);
        update.setLong(2, terminal.terminalId());
        update.executeUpdate();
      }
      return null;
    });
  }

  /** The terminal's result: installed, or failed with its reason. */
  public void report(TerminalIdentity terminal, long taskId, boolean installed, String reason) {
    if (!installed && (reason == null || reason.isBlank())) {
      throw new InvalidInput("reason", "a failure needs its reason");
    }
    transactions.inTransaction(connection -> {
      String kind = openTask(connection, terminal, taskId);
      if (kind.equals("LOG_UPLOAD")) {
        throw new InvalidInput("taskId", "a log task is finished by uploading the logs");
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE tms_task SET status = ?, failure_reason = ?, deferred_until = NULL, updated_at = now() WHERE id = ?")) {
        update.setString(1, installed ? "INSTALLED" : "FAILED");
        update.setString(2, installed ? null : truncate(reason));
        update.setLong(3, taskId);
        update.executeUpdate();
      }
      return null;
    });
  }

  /** An operator asks a terminal for its logs; the terminal gets a LOG_UPLOAD task. */
  public long requestLogs(TenantScope scope, long terminalId) {
    return transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO tms_task (tenant_id, terminal_id, kind) VALUES (?, ?, 'LOG_UPLOAD') RETURNING id")) {
        insert.setLong(1, scope.tenantId());
        insert.setLong(2, terminalId);
        try (ResultSet r = insert.executeQuery()) {
          r.next();
          long id = r.getLong(1);
          AuditLog.record(connection, scope, "tms.terminal.logs-requested", "terminal " + terminalId, "task " + id);
          return id;
        }
      }
    });
  }

  /** The terminal sends the logs a LOG_UPLOAD task asked for. */
  public LogFile uploadLogs(TerminalIdentity terminal, long taskId, InputStream content) throws IOException {
    transactions.inTransaction(connection -> {
      if (!openTask(connection, terminal, taskId).equals("LOG_UPLOAD")) {
        throw new InvalidInput("taskId", "task " + taskId + " does not ask for logs");
      }
      return null;
    });
    String key = "tenants/" + terminal.tenantId() + "/logs/" + terminal.terminalId() + "/" + taskId;
    ObjectStore.Stored stored = store.put(key, content);
    transactions.inTransaction(connection -> {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO tms_log_upload (task_id, tenant_id, storage_key, sha256, size_bytes) VALUES (?, ?, ?, ?, ?) "
                  + "ON CONFLICT (task_id) DO UPDATE SET sha256 = excluded.sha256, size_bytes = excluded.size_bytes, uploaded_at = now()")) {
        insert.setLong(1, taskId);
        insert.setLong(2, terminal.tenantId());
        insert.setString(3, key);
        insert.setString(4, stored.sha256());
        insert.setLong(5, stored.size());
        insert.executeUpdate();
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE tms_task SET status = 'UPLOADED', updated_at = now() WHERE id = ?")) {
        update.setLong(1, taskId);
        update.executeUpdate();
      }
      return null;
    });
    return new LogFile(key, stored.size(), stored.sha256());
  }

  /** Where the logs of a LOG_UPLOAD task of the caller's tenant are. */
  public LogFile logs(TenantScope scope, long taskId) {
    return transactions.inTransaction(connection -> {
      try (PreparedStatement select =
          connection.prepareStatement("SELECT storage_key, size_bytes, sha256 FROM tms_log_upload WHERE task_id = ? AND tenant_id = ?")) {
        select.setLong(1, taskId);
        select.setLong(2, scope.tenantId());
        try (ResultSet r = select.executeQuery()) {
          if (!r.next()) {
            throw new NotFound("log upload of task", taskId);
          }
          return new LogFile(r.getString(1), r.getLong(2), r.getString(3));
        }
      }
    });
  }

  private static String openTask(Connection connection, TerminalIdentity terminal, long taskId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT kind FROM tms_task WHERE id = ? AND terminal_id = ? AND status IN ('PENDING', 'DOWNLOADING') FOR UPDATE")) {
      select.setLong(1, taskId);
      select.setLong(2, terminal.terminalId());
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          throw new NotFound("open task", taskId);
        }
        return r.getString(1);
      }
    }
  }

  private static String truncate(String reason) {
    return reason.length() > 512 ? reason.substring(0, 512) : reason;
  }
}
