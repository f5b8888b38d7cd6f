package dev.baton.tms.terminal;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What terminals are enrolled into: terminal models, merchants and their sites, groups. Each
 * belongs to the caller's tenant; names are unique within it.
 */
public final class FleetStructure {

  private final Transactions transactions;

  public FleetStructure(Transactions transactions) {
    this.transactions = transactions;
  }

  public long addModel(TenantScope scope, String code, String vendor, String name) {
    check("code", TerminalFields.checkName(code, true).orElse(null));
    return insert(scope, "tms.model.add", "model " + code,
        "INSERT INTO tms_terminal_model (tenant_id, code, vendor, name) VALUES (?, ?, ?, ?) RETURNING id",
        "code", "model " + code + " exists already", code, vendor, name);
  }

  public long addMerchant(TenantScope scope, String mid, String name) {
    check("mid", TerminalFields.checkMid(mid).orElse(null));
    return insert(scope, "tms.merchant.add", "merchant " + mid,
        "INSERT INTO tms_merchant (tenant_id, mid, name) VALUES (?, ?, ?) RETURNING id",
        "mid", "merchant " + mid + " exists already", mid, name);
  }

  public long addSite(TenantScope scope, long merchantId, String code, String name) {
    check("code", TerminalFields.checkName(code, true).orElse(null));
    return transactions.inTransaction(connection -> {
      requireOwned(connection, scope, "tms_merchant", "merchant", merchantId);
      return insert(connection, scope, "tms.site.add", "site " + code + " of merchant " + merchantId,
          "INSERT INTO tms_site (tenant_id, merchant_id, code, name) VALUES (?, " + merchantId + ", ?, ?) RETURNING id",
          code, name);
    });
  }

  public long addGroup(TenantScope scope, String name) {
    check("name", TerminalFields.checkName(name, true).orElse(null));
    return insert(scope, "tms.group.add", "group " + name,
        "INSERT INTO tms_group (tenant_id, name) VALUES (?, ?) RETURNING id", "name", "group " + name + " exists already", name);
  }

  /** Fails with {@link NotFound} unless {@code table} has row {@code id} in the caller's tenant. */
  public static void requireOwned(Connection connection, TenantScope scope, String table, String what, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? AND tenant_id = ?")) {
      select.setLong(1, id);
      select.setLong(2, scope.tenantId());
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          throw new NotFound(what, id);
        }
      }
    }
  }

  private long insert(TenantScope scope, String action, String subject, String sql, String field, String duplicate, String... values) {
    try {
      return transactions.inTransaction(connection -> insert(connection, scope, action, subject, sql, values));
    } catch (DatabaseException e) {
      if ("23505".equals(e.sqlState())) {
        throw new InvalidInput(field, duplicate);
      }
      throw e;
    }
  }

  private static long insert(Connection connection, TenantScope scope, String action, String subject, String sql, String... values)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setLong(1, scope.tenantId());
      for (int i = 0; i < values.length; i++) {
        insert.setString(i + 2, values[i]);
      }
      try (ResultSet result = insert.executeQuery()) {
        result.next();
        long id = result.getLong(1);
        AuditLog.record(connection, scope, action, subject + " #" + id, null);
        return id;
      }
    }
  }

  private static void check(String field, String problem) {
    if (problem != null) {
      throw new InvalidInput(field, problem);
    }
  }
}
