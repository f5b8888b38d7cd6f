package dev.baton.tms.device;

import dev.baton.tms.credential.Secrets;
import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns a terminal's one-time activation code into its credential, and checks that credential
 * on later calls. Only hashes of codes and credentials are stored.
 */
public final class Activation {

  /** The credential a terminal keeps: shown this once. */
  public record Activated(long terminalId, String credential) {}

  private final Transactions transactions;

  public Activation(Transactions transactions) {
    this.transactions = transactions;
  }

  /**
   * Activates the terminal with serial number {@code serial} if {@code code} is its unused,
   * unexpired code; the terminal becomes ACTIVE and gets a new credential.
   *
   * @throws Unauthenticated otherwise (without saying why)
   */
  public Activated activate(String serial, String code) {
    if (serial == null || code == null) {
      throw new Unauthenticated("serial number and activation code are required");
    }
    String hash = Secrets.sha256Hex(Secrets.normaliseCode(code));
    return transactions.inTransaction(connection -> {
      long terminalId;
      long tenantId;
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT t.id, t.tenant_id FROM tms_activation_code a JOIN tms_terminal t ON t.id = a.terminal_id "
                  + "WHERE a.code_hash = ? AND t.serial_number = ? AND a.used_at IS NULL AND a.expires_at > now() "
                  + "AND t.status = 'REGISTERED' FOR UPDATE")) {
        select.setString(1, hash);
        select.setString(2, serial);
        try (ResultSet r = select.executeQuery()) {
          if (!r.next()) {
            throw new Unauthenticated("this activation code does not activate this terminal");
          }
          terminalId = r.getLong(1);
          tenantId = r.getLong(2);
        }
      }
      String credential = Secrets.credential();
      update(connection, "UPDATE tms_activation_code SET used_at = now() WHERE terminal_id = ?", terminalId);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO tms_terminal_credential (terminal_id, tenant_id, secret_hash) VALUES (?, ?, ?) "
                  + "ON CONFLICT (terminal_id) DO UPDATE SET secret_hash = excluded.secret_hash, active = TRUE, issued_at = now()")) {
        insert.setLong(1, terminalId);
        insert.setLong(2, tenantId);
        insert.setString(3, Secrets.sha256Hex(credential));
        insert.executeUpdate();
      }
      update(connection, "UPDATE tms_terminal SET status = 'ACTIVE', status_changed_at = now() WHERE id = ?", terminalId);
      AuditLog.record(connection, new TenantScope(tenantId, "terminal:" + serial), "tms.terminal.activate", "terminal " + terminalId,
          "REGISTERED -> ACTIVE, credential issued");
      return new Activated(terminalId, credential);
    });
  }

  /**
   * The ACTIVE terminal whose credential this is.
   *
   * @throws Unauthenticated when it is not one (unknown terminal, wrong credential, blocked)
   */
  public TerminalIdentity authenticate(long terminalId, String credential) {
    if (credential == null) {
      throw new Unauthenticated("credentials are required");
    }
    return transactions.inTransaction(connection -> {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT t.tenant_id, t.serial_number FROM tms_terminal_credential c JOIN tms_terminal t ON t.id = c.terminal_id "
                  + "WHERE c.terminal_id = ? AND c.secret_hash = ? AND c.active")) {
        select.setLong(1, terminalId);
        select.setString(2, Secrets.sha256Hex(credential));
        try (ResultSet r = select.executeQuery()) {
          if (!r.next()) {
            throw new Unauthenticated("these credentials are not those of an active terminal");
          }
          return new TerminalIdentity(terminalId, r.getLong(1), r.getString(2));
        }
      }
    });
  }

  private static void update(Connection connection, String sql, long terminalId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, terminalId);
      update.executeUpdate();
    }
  }
}
