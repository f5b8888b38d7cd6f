package dev.baton.operations.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The configured banks and their sessions' ids, as the {@code bank} and {@code bank_session} tables hold them. */
final class BankDirectory {

  record ConfiguredSession(String id, boolean enabled) {}

  record ConfiguredBank(String id, String name, String role, String homeNode, boolean enabled, List<ConfiguredSession> sessions) {}

  private static final String QUERY =
      "SELECT b.id, b.name, b.role, b.home_node, b.enabled, s.id, s.enabled FROM bank b"
          + " LEFT JOIN bank_session s ON s.bank_id = b.id ORDER BY b.id, s.id";

  private BankDirectory() {}

  static List<ConfiguredBank> read(DataSource dataSource) throws SQLException {
    Map<String, ConfiguredBank> banks = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        String id = rows.getString(1);
        ConfiguredBank bank =
            banks.computeIfAbsent(
                id, key -> new ConfiguredBank(key, text(rows, 2), text(rows, 3), text(rows, 4), flag(rows, 5), new ArrayList<>()));
        String session = rows.getString(6);
        if (session != null) {
          bank.sessions().add(new ConfiguredSession(session, rows.getBoolean(7)));
        }
      }
    }
    return new ArrayList<>(banks.values());
  }

  private static String text(ResultSet rows, int column) {
    try {
      return rows.getString(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean flag(ResultSet rows, int column) {
    try {
      return rows.getBoolean(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
