package dev.baton.schema;

import dev.baton.migrations.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies pending migrations before anything else of Baton runs on this server. Three servers
 * starting together are safe: Flyway serialises them on a PostgreSQL advisory lock.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaAtStartup {

  private static final Logger LOG = System.getLogger(SchemaAtStartup.class.getName());

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  private volatile String version = "unknown";

  @PostConstruct
  void migrate() {
    MigrateResult result = SchemaMigration.migrate(dataSource, SchemaMigration.demoProfile());
    version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    LOG.log(
        Level.INFO,
        "database schema at version {0}, {1} migration(s) applied by this server",
        version,
        result.migrationsExecuted);
  }

  /** The schema version this server found or made at start. */
  public String version() {
    return version;
  }
}
