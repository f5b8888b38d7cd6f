package dev.baton.operations.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes operator actions to {@code audit_event} in a transaction of their own (refusals; an
 * action's own record goes with it through {@link AuditTrail}) and reads them back, newest first.
 */
@Stateless
public class AuditLog {

  /** The most rows one read returns. */
  public static final int LIMIT = 5_000;

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  /** Writes one event in a transaction of its own (for refusals: nothing else is written). */
  public void record(String actor, String action, String subject, String detail, String outcome) {
    try (Connection connection = dataSource.getConnection()) {
      AuditTrail.write(connection, actor, action, subject, detail, outcome);
    } catch (SQLException e) {
      throw new IllegalStateException("the audit event was not written: " + e.getMessage(), e);
    }
  }

  /** Events matching {@code filter}, newest first, at most {@link #LIMIT}. */
  public List<AuditEvent> events(HistoryFilter filter) {
    // a subject starts with the bank it concerns: "ACQ1", "ACQ1 ACQ1-1", "ACQ1 INBOUND #3"
    HistoryFilter.Where where = filter.where("actor", "action", "split_part(subject, ' ', 1) = ?", "at");
    String sql =
        "SELECT id, at, actor, action, subject, detail, outcome FROM audit_event" + where.sql()
            + " ORDER BY id DESC LIMIT " + LIMIT;
    List<AuditEvent> events = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      bind(query, where.parameters());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          events.add(
              new AuditEvent(
                  rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                  rows.getString(5), rows.getString(6), rows.getString(7)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the audit log was not read: " + e.getMessage(), e);
    }
    return events;
  }

  /** Bank moves matching {@code filter} (the what part matches the outcome), newest first. */
  public List<SwitchoverRecord> moves(HistoryFilter filter) {
    HistoryFilter.Where where = filter.where("actor", "outcome", "bank_id = ?", "started_at");
    String sql =
        "SELECT id, started_at, finished_at, actor, bank_id, from_node, to_node, duration_ms, contexts_moved, outcome,"
            + " detail FROM switchover_history" + where.sql() + " ORDER BY id DESC LIMIT " + LIMIT;
    List<SwitchoverRecord> moves = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      bind(query, where.parameters());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Timestamp finished = rows.getTimestamp(3);
          moves.add(
              new SwitchoverRecord(
                  rows.getLong(1), rows.getTimestamp(2).toInstant(), finished == null ? null : finished.toInstant(),
                  rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                  (Long) rows.getObject(8, Long.class), (Integer) rows.getObject(9, Integer.class),
                  rows.getString(10), rows.getString(11)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the move history was not read: " + e.getMessage(), e);
    }
    return moves;
  }

  private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }
}
