package dev.baton.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the provisioned server, configured only by the configure-*.cli scripts, with Baton
 * deployed: the datasource reaches a real PostgreSQL and the application applied the schema.
 */
@ExtendWith(ArquillianExtension.class)
class DatasourceIT {

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Deployment
  static WebArchive probe() {
    return ShrinkWrap.create(WebArchive.class, "datasource-probe.war").addClass(DatasourceIT.class);
  }

  @Test
  void datasourceReachesPostgresql() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet version = statement.executeQuery("SELECT version()")) {
      assertTrue(version.next());
      assertTrue(version.getString(1).startsWith("PostgreSQL"), version.getString(1));
    }
  }

  @Test
  void flywaySchemaIsAppliedAtStart() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet history =
          statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'")) {
        assertTrue(history.next());
        assertEquals(1, history.getInt(1), "migration 1 recorded once as applied");
      }
      for (String table : new String[] {"bank", "bank_session", "bin_range", "audit_event"}) {
        try (ResultSet found = statement.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
          assertTrue(found.next());
          assertTrue(found.getBoolean(1), "table " + table + " exists");
        }
      }
    }
  }
}
