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

  /** The demo configuration (CONTRACT.md), applied only in the demo profile. */
  public static final String DEMO_LOCATION = "classpath:db/demo";

  private SchemaMigration() {}

  /**
   * Whether this process runs the demo profile: {@code BATON_PROFILE=demo} in the environment or
   * {@code -Dbaton.profile=demo}.
   */
  public static boolean demoProfile() {
    return "demo".equals(System.getProperty("baton.profile", System.getenv("BATON_PROFILE")));
  }

  /** Brings the schema behind {@code dataSource} to the latest version, demo data if asked. */
  public static MigrateResult migrate(DataSource dataSource, boolean demo) {
    return configure(demo).dataSource(dataSource).load().migrate();
  }

  /** Same, for a JDBC URL with its credentials (used when run on its own). */
  public static MigrateResult migrate(String url, String user, String password, boolean demo) {
    return configure(demo).dataSource(url, user, password).load().migrate();
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure(boolean demo) {
    var configuration =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .validateMigrationNaming(true)
            .failOnMissingLocations(true);
    // A database that once ran the demo keeps its demo rows; without the demo location they are
    // applied migrations Flyway cannot see, which is expected, not an error.
    return demo
        ? configuration.locations(LOCATION, DEMO_LOCATION)
        : configuration.locations(LOCATION).ignoreMigrationPatterns("*:missing", "*:future");
  }
}
