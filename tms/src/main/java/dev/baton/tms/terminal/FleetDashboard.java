package dev.baton.tms.terminal;

import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet at a glance: terminals by status, online (checked in within the window) and
 * offline, firmware and application versions in the field, failed tasks.
 */
public final class FleetDashboard {

  /** The dashboard's numbers; versions map "name version" to how many terminals run it. */
  public record Summary(
      Map<String, Long> byStatus, long online, long offline, long neverCheckedIn, Map<String, Long> firmware,
      Map<String, Long> applications, long failedTasks) {}

  private final Transactions transactions;

  public FleetDashboard(Transactions transactions) {
    this.transactions = transactions;
  }

  public Summary summary(TenantScope scope, Duration onlineWindow) {
    return transactions.inTransaction(connection -> {
      long tenant = scope.tenantId();
      Map<String, Long> byStatus = counts(connection, "SELECT status, count(*) FROM tms_terminal WHERE tenant_id = ? GROUP BY status ORDER BY 1", tenant, null);
      Map<String, Long> presence = counts(connection,
          "SELECT CASE WHEN c.at IS NULL THEN 'never' WHEN c.at >= now() - ?::interval THEN 'online' ELSE 'offline' END, count(*) "
              + "FROM tms_terminal t LEFT JOIN tms_terminal_checkin c ON c.terminal_id = t.id "
              + "WHERE t.tenant_id = ? AND t.status = 'ACTIVE' GROUP BY 1", tenant, onlineWindow.toSeconds() + " seconds");
      Map<String, Long> firmware = counts(connection,
          "SELECT coalesce(firmware, '(unknown)'), count(*) FROM tms_terminal_checkin WHERE tenant_id = ? GROUP BY 1 ORDER BY 2 DESC LIMIT 50",
          tenant, null);
      Map<String, Long> applications = counts(connection,
          "SELECT a.key || ' ' || a.value, count(*) FROM tms_terminal_checkin c, jsonb_each_text(c.applications) a "
              + "WHERE c.tenant_id = ? GROUP BY 1 ORDER BY 2 DESC LIMIT 50", tenant, null);
      Map<String, Long> failed = counts(connection, "SELECT 'failed', count(*) FROM tms_task WHERE tenant_id = ? AND status = 'FAILED'", tenant, null);
      return new Summary(byStatus, presence.getOrDefault("online", 0L), presence.getOrDefault("offline", 0L),
          presence.getOrDefault("never", 0L), firmware, applications, failed.getOrDefault("failed", 0L));
    });
  }

  private static Map<String, Long> counts(Connection connection, String sql, long tenantId, String interval) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      if (interval != null) {
        select.setString(i++, interval);
      }
      select.setLong(i, tenantId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return counts;
  }
}
