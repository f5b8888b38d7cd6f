package dev.baton.operations.configuration;

import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.audit.AuditTrail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One configuration change in one database transaction, in the name of its actor (the setting
 * {@code baton.actor}, which the audit triggers read): all of it commits, with its audit events,
 * or none of it.
 */
final class ConfigurationChange {

  interface Work<T> {
    T apply(Connection connection) throws SQLException, InvalidConfiguration, UnknownItem;
  }

  private ConfigurationChange() {}

  /**
   * Deletes the row of {@code table} whose {@code keyColumn} is {@code key}, and audits it under
   * {@code action} with the subject "bank key" (the bank read from {@code bankColumn}).
   *
   * @throws UnknownItem when there is no such row ({@code what} names it in the message)
   */
  static void deleteRow(DataSource dataSource, String actor, String table, String keyColumn, String bankColumn, Object key,
      String what, String action) throws UnknownItem {
    try {
      run(dataSource, actor, connection -> {
        String bank = ConfigurationQueries.text(connection,
            "SELECT " + bankColumn + " FROM " + table + " WHERE " + keyColumn + " = ?", key);
        ConfigurationQueries.deleteOne(connection, "DELETE FROM " + table + " WHERE " + keyColumn + " = ?", key, "no " + what + " " + key);
        AuditTrail.write(connection, actor, action, bank + " " + key, "deleted", "OK");
        return null;
      });
    } catch (InvalidConfiguration e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T run(DataSource dataSource, String actor, Work<T> work) throws InvalidConfiguration, UnknownItem {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement setActor = connection.prepareStatement("SELECT set_config('baton.actor', ?, true)")) {
          setActor.setString(1, actor);
          setActor.execute();
        }
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | InvalidConfiguration | UnknownItem | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the configuration was not changed: " + e.getMessage(), e);
    }
  }
}
