package dev.baton.operations.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The insert of one operator action into {@code audit_event}, on the caller's connection and in
 * whatever transaction it has open, so that an action and its record commit together.
 */
public final class AuditTrail {

  private AuditTrail() {}

  /** Writes one event on {@code connection}. */
  public static void write(Connection connection, String actor, String action, String subject,
      String detail, String outcome) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_event (actor, action, subject, detail, outcome) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, actor);
      insert.setString(2, action);
      insert.setString(3, subject);
      insert.setString(4, detail);
      insert.setString(5, outcome);
      insert.executeUpdate();
    }
  }
}
