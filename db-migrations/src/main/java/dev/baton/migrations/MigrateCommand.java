package dev.baton.migrations;

import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the migrations on their own: {@code java dev.baton.migrations.MigrateCommand} with
 * {@code BATON_DB_URL}, {@code BATON_DB_USER} and {@code BATON_DB_PASSWORD} in the environment.
 */
public final class MigrateCommand {

  private MigrateCommand() {}

  public static void main(String[] args) {
    String url = System.getenv("BATON_DB_URL");
    if (url == null || url.isBlank()) {
      System.err.println("BATON_DB_URL is not set: give the JDBC URL of the database to migrate.");
      System.exit(2);
    }
    MigrateResult result =
        SchemaMigration.migrate(url, System.getenv("BATON_DB_USER"), System.getenv("BATON_DB_PASSWORD"),
            SchemaMigration.demoProfile());
    System.out.printf(
        "schema at version %s (%d migration(s) applied now)%n",
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
  }
}
