package dev.baton.tms.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes terminal management actions to {@code audit_event}, in the caller's transaction, so an
 * action and its audit line commit or roll back together.
 */
public final class AuditLog {

  private AuditLog() {}

  public static void record(Connection connection, TenantScope scope, String action, String subject, String detail)
      throws SQLException {
    write(connection, scope.actor(), action, "tenant " + scope.tenantId() + " " + subject, detail, "OK");
  }

  /** A refused action, written on its own connection's transaction by the caller. */
  public static void refused(Connection connection, TenantScope scope, String action, String subject, String reason)
      throws SQLException {
    write(connection, scope.actor(), action, "tenant " + scope.tenantId() + " " + subject, reason, "REFUSED");
  }

  private static void write(Connection connection, String actor, String action, String subject, String detail, String outcome)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_event (actor, action, subject, detail, outcome) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, actor);
      insert.setString(2, action);
      insert.setString(3, subject.length() > 256 ? subject.substring(0, 256) : subject);
      insert.setString(4, detail);
      insert.setString(5, outcome);
      insert.executeUpdate();
    }
  }
}
