package dev.baton.tms.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement on the caller's connection, its parameters bound in order: a service states its
 * SQL and what one row means, not the JDBC steps around them.
 */
public final class Rows {

  /** What one row of a result means. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private Rows() {}

  /** Every row {@code sql} selects, read by {@code reader}. */
  public static <T> List<T> list(Connection connection, String sql, Reader<T> reader, Object... parameters) throws SQLException {
    try (PreparedStatement select = prepare(connection, sql, parameters); ResultSet result = select.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (result.next()) {
        rows.add(reader.read(result));
      }
      return rows;
    }
  }

  /** Runs an insert, update or delete; returns how many rows it touched. */
  public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
