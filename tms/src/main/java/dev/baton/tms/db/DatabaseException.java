package dev.baton.tms.db;

import java.sql.SQLException;

/** The database failed (not the caller's input): reported as a server error. */
public final class DatabaseException extends RuntimeException {

  public DatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE of the failure, e.g. {@code 23505} for a unique violation. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
