package dev.baton.tms.terminal;

import dev.baton.tms.db.AuditLog;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.Rows;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.util.List;

/**
 * The tags of one terminal. Tags select terminals freely (a terminal has any number of them, but
 * one group); a tag the tenant lacks is created when a terminal first gets it.
 */
public final class TerminalTags {

  private final Transactions transactions;

  public TerminalTags(Transactions transactions) {
    this.transactions = transactions;
  }

  /** @throws dev.baton.tms.db.NotFound when the terminal is not the caller's tenant's */
  public List<String> of(TenantScope scope, long terminalId) {
    return transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
      return Rows.list(connection,
          "SELECT g.name FROM tms_terminal_tag tt JOIN tms_tag g ON g.id = tt.tag_id WHERE tt.terminal_id = ? ORDER BY g.name",
          r -> r.getString(1), terminalId);
    });
  }

  /** Tags the terminal; tagging it twice with the same tag changes nothing. */
  public void add(TenantScope scope, long terminalId, String tag) {
    TerminalFields.checkName(tag, true).ifPresent(reason -> { throw new InvalidInput("tag", reason); });
    transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
      Rows.update(connection, "INSERT INTO tms_tag (tenant_id, name) VALUES (?, ?) ON CONFLICT (tenant_id, name) DO NOTHING",
          scope.tenantId(), tag);
      Rows.update(connection,
          "INSERT INTO tms_terminal_tag (terminal_id, tag_id) SELECT ?, id FROM tms_tag WHERE tenant_id = ? AND name = ? ON CONFLICT DO NOTHING",
          terminalId, scope.tenantId(), tag);
      AuditLog.record(connection, scope, "tms.terminal.tag", "terminal " + terminalId, "+" + tag);
      return null;
    });
  }

  /** Takes the tag off the terminal (the tag stays, for other terminals). */
  public void remove(TenantScope scope, long terminalId, String tag) {
    transactions.inTransaction(connection -> {
      FleetStructure.requireOwned(connection, scope, "tms_terminal", "terminal", terminalId);
      int removed = Rows.update(connection,
          "DELETE FROM tms_terminal_tag WHERE terminal_id = ? AND tag_id = (SELECT id FROM tms_tag WHERE tenant_id = ? AND name = ?)",
          terminalId, scope.tenantId(), tag);
      if (removed == 0) {
        throw new InvalidInput("tag", "terminal " + terminalId + " has no tag '" + tag + "'");
      }
      AuditLog.record(connection, scope, "tms.terminal.tag", "terminal " + terminalId, "-" + tag);
      return null;
    });
  }
}
