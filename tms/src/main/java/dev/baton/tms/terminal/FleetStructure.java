package dev.baton.tms.terminal;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Rows;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

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

  /** A group, tag or terminal model of the tenant, and how many terminals it has. */
  public record Item(long id, String name, long terminals) {}

  /** A merchant of the tenant, with the codes of its sites. */
  public record Merchant(long id, String mid, String name, List<String> sites) {}

  /** The tenant's groups, by name. */
  public List<Item> groups(TenantScope scope) {
    return items(scope, "SELECT g.id, g.name, count(t.id) FROM tms_group g LEFT JOIN tms_terminal t ON t.group_id = g.id "
        + "WHERE g.tenant_id = ? GROUP BY g.id ORDER BY g.name");
  }

  /** The tenant's tags, by name. */
  public List<Item> tags(TenantScope scope) {
    return items(scope, "SELECT g.id, g.name, count(tt.terminal_id) FROM tms_tag g LEFT JOIN tms_terminal_tag tt ON tt.tag_id = g.id "
        + "WHERE g.tenant_id = ? GROUP BY g.id ORDER BY g.name");
  }

  /** The tenant's terminal models, by code. */
  public List<Item> models(TenantScope scope) {
    return items(scope, "SELECT m.id, m.code, count(t.id) FROM tms_terminal_model m LEFT JOIN tms_terminal t ON t.model_id = m.id "
        + "WHERE m.tenant_id = ? GROUP BY m.id ORDER BY m.code");
  }

  /** The tenant's merchants, by MID. */
  public List<Merchant> merchants(TenantScope scope) {
    return transactions.inTransaction(connection -> Rows.list(connection,
        "SELECT m.id, m.mid, m.name, coalesce(array_agg(s.code ORDER BY s.code) FILTER (WHERE s.code IS NOT NULL), '{}') "
            + "FROM tms_merchant m LEFT JOIN tms_site s ON s.merchant_id = m.id WHERE m.tenant_id = ? GROUP BY m.id ORDER BY m.mid",
        r -> new Merchant(r.getLong(1), r.getString(2), r.getString(3), List.of((String[]) r.getArray(4).getArray())), scope.tenantId()));
  }

  private List<Item> items(TenantScope scope, String sql) {
    return transactions.inTransaction(
        connection -> Rows.list(connection, sql, r -> new Item(r.getLong(1), r.getString(2), r.getLong(3)), scope.tenantId()));
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
