package dev.baton.operations.configuration;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.audit.AuditTrail;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/** Banks and BIN ranges: read, save (insert or replace) and delete, each change audited. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BankConfiguration {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  public List<BankSettings> banks() {
    return ConfigurationQueries.list(dataSource, "SELECT id, name, role, home_node, enabled FROM bank ORDER BY id", rows ->
        new BankSettings(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getBoolean(5)));
  }

  /** Adds the bank, or replaces the one with its id. */
  public BankSettings saveBank(BankSettings bank, String actor) throws InvalidConfiguration {
    ConfigurationRules.require(ConfigurationRules.bank(bank));
    try {
      return ConfigurationChange.run(dataSource, actor, connection -> {
        try (PreparedStatement upsert = connection.prepareStatement(
            "INSERT INTO bank (id, name, role, home_node, enabled) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                + " SET name = EXCLUDED.name, role = EXCLUDED.role, home_node = EXCLUDED.home_node, enabled = EXCLUDED.enabled")) {
          upsert.setString(1, bank.id());
          upsert.setString(2, bank.name().trim());
          upsert.setString(3, bank.role());
          upsert.setString(4, bank.homeNode());
          upsert.setBoolean(5, bank.enabled());
          upsert.executeUpdate();
        }
        AuditTrail.write(connection, actor, "configuration.bank.save", bank.id(), bank.toString(), "OK");
        return bank;
      });
    } catch (UnknownItem e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a bank that has no sessions, BIN ranges or rules left. */
  public void deleteBank(String id, String actor) throws UnknownItem, InvalidConfiguration {
    ConfigurationChange.run(dataSource, actor, connection -> {
      for (String table : List.of("bank_session", "bin_range", "field_correction")) {
        String column = "bin_range".equals(table) ? "issuer_id" : "bank_id";
        if (ConfigurationQueries.exists(connection, "SELECT 1 FROM " + table + " WHERE " + column + " = ?", id)) {
          throw InvalidConfiguration.of("id", "bank " + id + " still has rows in " + table + "; delete them first");
        }
      }
      ConfigurationQueries.deleteOne(connection, "DELETE FROM bank WHERE id = ?", id, "no bank " + id);
      AuditTrail.write(connection, actor, "configuration.bank.delete", id, "deleted", "OK");
      return null;
    });
  }

  public List<BinRange> binRanges() {
    return ConfigurationQueries.list(dataSource, "SELECT prefix, issuer_id FROM bin_range ORDER BY prefix", rows ->
        new BinRange(rows.getString(1), rows.getString(2)));
  }

  /**
   * Adds a BIN range. A prefix already routed is refused (it would overlap: one prefix, two
   * routes); change it by deleting it first. The issuer must issue (role ISSUER or BOTH).
   */
  public BinRange addBinRange(BinRange range, String actor) throws InvalidConfiguration {
    ConfigurationRules.require(ConfigurationRules.binRange(range));
    try {
      return ConfigurationChange.run(dataSource, actor, connection -> {
        String taken = ConfigurationQueries.text(connection, "SELECT issuer_id FROM bin_range WHERE prefix = ?", range.prefix());
        if (taken != null) {
          throw InvalidConfiguration.of("prefix", "BIN prefix " + range.prefix() + " overlaps the range routed to " + taken);
        }
        String role = ConfigurationQueries.text(connection, "SELECT role FROM bank WHERE id = ?", range.issuerId());
        if (role == null) {
          throw InvalidConfiguration.of("issuerId", "no bank " + range.issuerId());
        }
        if ("ACQUIRER".equals(role)) {
          throw InvalidConfiguration.of("issuerId", range.issuerId() + " is an acquirer, it issues no cards");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bin_range (prefix, issuer_id) VALUES (?, ?)")) {
          insert.setString(1, range.prefix());
          insert.setString(2, range.issuerId());
          insert.executeUpdate();
        }
        AuditTrail.write(connection, actor, "configuration.bin-range.add", range.issuerId() + " " + range.prefix(), range.toString(), "OK");
        return range;
      });
    } catch (UnknownItem e) {
      throw new IllegalStateException(e);
    }
  }

  public void deleteBinRange(String prefix, String actor) throws UnknownItem {
    ConfigurationChange.deleteRow(dataSource, actor, "bin_range", "prefix", "issuer_id", prefix, "BIN range",
        "configuration.bin-range.delete");
  }
}
