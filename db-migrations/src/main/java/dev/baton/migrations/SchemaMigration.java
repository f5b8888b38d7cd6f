package dev.baton.migrations;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Baton's migrations to a database.
 *
 * <p>Safe to call from several servers at once: on PostgreSQL, Flyway holds an advisory lock for
 * the whole migration, so the first caller migrates and the others find the schema current.
 */
public final class SchemaMigration {

  /** Where the migrations live on the class path. */
  public static final String LOCATION = "classpath:db/migration";

  private SchemaMigration() {}

  /** Brings the schema behind {@code dataSource} to the latest version. */
  public static MigrateResult migrate(DataSource dataSource) {
    return configure().dataSource(dataSource).load().migrate();
  }

  /** Same, for a JDBC URL with its credentials (used when run on its own). */
  public static MigrateResult migrate(String url, String user, String password) {
    return configure().dataSource(url, user, password).load().migrate();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure() {
    return Flyway.configure(SchemaMigration.class.getClassLoader())
        .locations(LOCATION)
        .validateMigrationNaming(true)
        .failOnMissingLocations(true);
  }
}
