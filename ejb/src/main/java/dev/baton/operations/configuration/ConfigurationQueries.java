package dev.baton.operations.configuration;

import dev.baton.operations.UnknownItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC steps the configuration services share. */
final class ConfigurationQueries {

  interface Row<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private ConfigurationQueries() {}

  static <T> List<T> list(DataSource dataSource, String sql, Row<T> row) {
    List<T> items = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        items.add(row.read(rows));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the configuration was not read: " + e.getMessage(), e);
    }
    return items;
  }

  static boolean exists(Connection connection, String sql, Object parameter) throws SQLException {
    return text(connection, sql, parameter) != null;
  }

  static String text(Connection connection, String sql, Object parameter) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? String.valueOf(rows.getObject(1)) : null;
      }
    }
  }

  static void deleteOne(Connection connection, String sql, Object key, String unknown) throws SQLException, UnknownItem {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setObject(1, key);
      if (delete.executeUpdate() == 0) {
        throw new UnknownItem(unknown);
      }
    }
  }
}
