package dev.baton.systemtests.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the portal tests read or write in the topology's database, where no page or API does it. */
final class PortalDatabase {

  /** Opens a connection to the topology's database. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  private final Connections connections;

  PortalDatabase(Connections connections) {
    this.connections = connections;
  }

  /** How many of these serial numbers are enrolled, in any tenant. */
  long enrolled(List<String> serials) throws SQLException {
    try (Connection db = connections.open(); var count = db.prepareStatement("SELECT count(*) FROM tms_terminal WHERE serial_number = ANY (?)")) {
      count.setArray(1, db.createArrayOf("varchar", serials.toArray()));
      try (var result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** The id of the demo tenant's group {@code pilot}. */
  long pilotGroup() throws SQLException {
    try (Connection db = connections.open();
        var select = db.prepareStatement("SELECT g.id FROM tms_group g JOIN tms_tenant t ON t.id = g.tenant_id WHERE t.code = 'demo' AND g.name = 'pilot'");
        var result = select.executeQuery()) {
      assertTrue(result.next(), "the demo tenant has its group pilot");
      return result.getLong(1);
    }
  }

  /** Writes what the processing node writes for each authorization it carries: field 41, MTI, field 39. */
  void authorized(String tid, String mti, String responseCode) throws SQLException {
    try (Connection db = connections.open();
        var upsert = db.prepareStatement("INSERT INTO terminal_last_authorization (tid, at, mti, response_code) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (tid) DO UPDATE SET at = excluded.at, mti = excluded.mti, response_code = excluded.response_code")) {
      upsert.setString(1, tid);
      upsert.setTimestamp(2, Timestamp.from(Instant.now()));
      upsert.setString(3, mti);
      upsert.setString(4, responseCode);
      upsert.executeUpdate();
    }
  }

  /** The audit lines about one terminal, oldest first: "actor action detail". */
  List<String> auditOfTerminal(long terminalId) throws SQLException {
    try (Connection db = connections.open();
        var audit = db.prepareStatement("SELECT actor || ' ' || action || ' ' || coalesce(detail, '') FROM audit_event WHERE subject LIKE ? ORDER BY id")) {
      audit.setString(1, "% terminal " + terminalId);
      List<String> lines = new ArrayList<>();
      try (var result = audit.executeQuery()) {
        while (result.next()) {
          lines.add(result.getString(1));
        }
      }
      return lines;
    }
  }
}
