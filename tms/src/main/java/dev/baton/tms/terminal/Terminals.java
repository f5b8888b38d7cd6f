package dev.baton.tms.terminal;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Rows;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a tenant's terminals and moves them through their life cycle, audited. */
public final class Terminals {

  private static final String VIEW =
      "SELECT t.id, t.serial_number, mo.code, t.tid, me.mid, me.name, s.code, g.name, t.status, t.status_reason, "
          + "t.enrolled_at, c.at, c.firmware, c.battery_percent, c.signal_dbm, c.key_injection, c.last_transaction_at, "
          + "c.applications::text, a.at, a.mti, a.response_code "
          + "FROM tms_terminal t JOIN tms_terminal_model mo ON mo.id = t.model_id JOIN tms_merchant me ON me.id = t.merchant_id "
          + "LEFT JOIN tms_site s ON s.id = t.site_id LEFT JOIN tms_group g ON g.id = t.group_id "
          + "LEFT JOIN tms_terminal_checkin c ON c.terminal_id = t.id "
          + "LEFT JOIN terminal_last_authorization a ON a.tid = t.tid "
          + "WHERE t.tenant_id = ? ";

  private final Transactions transactions;

  public Terminals(Transactions transactions) {
    this.transactions = transactions;
  }

  /** @throws NotFound when the terminal is not the caller's tenant's */
  public TerminalView view(TenantScope scope, long terminalId) {
    return transactions.inTransaction(connection -> {
      List<TerminalView> found = select(connection, VIEW + "AND t.id = ?", scope.tenantId(), terminalId);
      if (found.isEmpty()) {
        throw new NotFound("terminal", terminalId);
      }
      return found.getFirst();
    });
  }

  /** Up to {@code limit} terminals of the tenant with ids above {@code afterId}, by id. */
  public List<TerminalView> list(TenantScope scope, long afterId, int limit) {
    return search(scope, TerminalQuery.ALL, afterId, limit);
  }

  /** Up to {@code limit} terminals of the tenant that {@code query} selects, with ids above {@code afterId}, by id. */
  public List<TerminalView> search(TenantScope scope, TerminalQuery query, long afterId, int limit) {
    StringBuilder sql = new StringBuilder(VIEW).append("AND t.id > ? ");
    List<Object> parameters = new ArrayList<>(List.of(scope.tenantId(), afterId));
    if (query.text() != null && !query.text().isBlank()) {
      sql.append("AND (t.serial_number ILIKE ? ESCAPE '\\' OR t.tid ILIKE ? ESCAPE '\\') ");
      String pattern = "%" + query.text().strip().replaceAll("([\\\\%_])", "\\\\$1") + "%";
      parameters.add(pattern);
      parameters.add(pattern);
    }
    if (query.status() != null) {
      sql.append("AND t.status = ? ");
      parameters.add(query.status().name());
    }
    if (query.groupId() != null) {
      sql.append("AND t.group_id = ? ");
      parameters.add(query.groupId());
    }
    sql.append("ORDER BY t.id LIMIT ?");
    parameters.add(Math.clamp(limit, 1, 1000));
    return transactions.inTransaction(connection -> select(connection, sql.toString(), parameters.toArray()));
  }

  /**
   * The ids of the tenant's terminals with these serial numbers or TIDs, in the order given.
   *
   * @throws NotFound naming the first that is not a terminal of the tenant
   */
  public List<Long> resolve(TenantScope scope, List<String> serialsOrTids) {
    return transactions.inTransaction(connection -> {
      Map<String, Long> found = new HashMap<>();
      Rows.list(connection,
          "SELECT k, t.id FROM unnest(?::varchar[]) AS k JOIN tms_terminal t ON t.tenant_id = ? AND (t.serial_number = k OR t.tid = upper(k))",
          r -> found.put(r.getString(1), r.getLong(2)), connection.createArrayOf("varchar", serialsOrTids.toArray()), scope.tenantId());
      List<Long> ids = new ArrayList<>();
      for (String key : serialsOrTids) {
        Long id = found.get(key);
        if (id == null) {
          throw new NotFound("terminal", key);
        }
        if (!ids.contains(id)) {
          ids.add(id);
        }
      }
      return ids;
    });
  }

  /**
   * Blocks, unblocks ({@code ACTIVE}) or decommissions a terminal. Activation is the terminal's
   * own doing (with its code), not an operator's. Blocking or decommissioning stops its
   * credential at once; decommissioning also cancels its open tasks.
   */
  public TerminalView changeStatus(TenantScope scope, long terminalId, TerminalStatus target, String reason) {
    transactions.inTransaction(connection -> {
      TerminalStatus current = statusForUpdate(connection, scope, terminalId);
      if (target == TerminalStatus.ACTIVE && current != TerminalStatus.BLOCKED) {
        throw new InvalidInput("status", "only a blocked terminal is set ACTIVE by an operator; a registered one activates itself with its code");
      }
      if (!current.canMoveTo(target)) {
        throw new InvalidInput("status", "a " + current + " terminal cannot become " + target);
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE tms_terminal SET status = ?, status_reason = ?, status_changed_at = now() WHERE id = ? AND tenant_id = ?")) {
        update.setString(1, target.name());
        update.setString(2, reason);
        update.setLong(3, terminalId);
        update.setLong(4, scope.tenantId());
        update.executeUpdate();
      }
      try (PreparedStatement credential =
          connection.prepareStatement("UPDATE tms_terminal_credential SET active = ? WHERE terminal_id = ?")) {
        credential.setBoolean(1, target == TerminalStatus.ACTIVE);
        credential.setLong(2, terminalId);
        credential.executeUpdate();
      }
      if (target == TerminalStatus.DECOMMISSIONED) {
        // A decommissioned terminal will never take its tasks: they leave the campaigns' counts of open work.
        try (PreparedStatement tasks =
            connection.prepareStatement(
                "UPDATE tms_task SET status = 'CANCELLED', updated_at = now() WHERE terminal_id = ? AND status IN ('PENDING', 'DOWNLOADING')")) {
          tasks.setLong(1, terminalId);
          tasks.executeUpdate();
        }
      }
      AuditLog.record(connection, scope, "tms.terminal." + target.name().toLowerCase(java.util.Locale.ROOT), "terminal " + terminalId,
          current + " -> " + target + (reason == null ? "" : ": " + reason));
      return null;
    });
    return view(scope, terminalId);
  }

  /** Puts the terminal in a group of the same tenant (or in none, with {@code null}). */
  public void moveToGroup(TenantScope scope, long terminalId, Long groupId) {
    transactions.inTransaction(connection -> {
      statusForUpdate(connection, scope, terminalId);
      if (groupId != null) {
        FleetStructure.requireOwned(connection, scope, "tms_group", "group", groupId);
      }
      try (PreparedStatement update = connection.prepareStatement("UPDATE tms_terminal SET group_id = ? WHERE id = ? AND tenant_id = ?")) {
        update.setObject(1, groupId);
        update.setLong(2, terminalId);
        update.setLong(3, scope.tenantId());
        update.executeUpdate();
      }
      AuditLog.record(connection, scope, "tms.terminal.group", "terminal " + terminalId, "group " + groupId);
      return null;
    });
  }

  static TerminalStatus statusForUpdate(Connection connection, TenantScope scope, long terminalId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT status FROM tms_terminal WHERE id = ? AND tenant_id = ? FOR UPDATE")) {
      select.setLong(1, terminalId);
      select.setLong(2, scope.tenantId());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          throw new NotFound("terminal", terminalId);
        }
        return TerminalStatus.valueOf(result.getString(1));
      }
    }
  }

  private static List<TerminalView> select(Connection connection, String sql, Object... parameters) throws SQLException {
    return Rows.list(connection, sql, r -> {
      Instant checkedIn = instant(r.getTimestamp(12));
      Instant authorized = instant(r.getTimestamp(19));
      return new TerminalView(
          r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
          r.getString(8), TerminalStatus.valueOf(r.getString(9)), r.getString(10), instant(r.getTimestamp(11)),
          checkedIn == null ? null
              : new TerminalView.LastCheckIn(checkedIn, r.getString(13), (Integer) r.getObject(14, Integer.class),
                  (Integer) r.getObject(15, Integer.class), r.getString(16), instant(r.getTimestamp(17)), r.getString(18)),
          authorized == null ? null : new TerminalView.LastAuthorization(authorized, r.getString(20), r.getString(21)));
    }, parameters);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
