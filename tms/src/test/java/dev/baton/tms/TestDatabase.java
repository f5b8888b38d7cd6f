package dev.baton.tms;

import dev.baton.launcher.StandalonePostgres;
import dev.baton.migrations.SchemaMigration;
import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A PostgreSQL for the service tests, started once per test run with the launcher (port from
 * {@code tms.test.db.port}), migrated, and stopped when the run ends. Tests get it as a
 * parameter; each test makes its own tenant, so tests share no rows.
 */
public final class TestDatabase implements ParameterResolver {

  private static final String PASSWORD = "tms-tests-only";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DataSource.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class)
        .dataSource;
  }

  /** Creates a tenant with a unique code and returns the scope of an operator in it. */
  public static TenantScope newTenant(DataSource dataSource, String actor) {
    String code = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    long id =
        new Transactions(dataSource).inTransaction(connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO tms_tenant (code, name) VALUES (?, ?) RETURNING id")) {
            insert.setString(1, code);
            insert.setString(2, "Tenant " + code);
            try (ResultSet result = insert.executeQuery()) {
              result.next();
              return result.getLong(1);
            }
          }
        });
    return new TenantScope(id, actor);
  }

  private static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final StandalonePostgres postgres;
    private final DataSource dataSource;

    private Server(StandalonePostgres postgres) {
      this.postgres = postgres;
      this.dataSource = new SimpleDataSource(postgres.jdbcUrl(), "baton", PASSWORD);
    }

    static Server start() {
      Path home = Path.of(System.getProperty("tms.test.db.home", "target/test-db")).toAbsolutePath();
      try {
        Server server =
            new Server(StandalonePostgres.start(home, home.resolve("work"), Integer.getInteger("tms.test.db.port", 15471), PASSWORD));
        SchemaMigration.migrate(server.dataSource, false);
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the tests' PostgreSQL", e);
      }
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }

  /** A DataSource over DriverManager: one new connection per call, enough for tests. */
  public record SimpleDataSource(String url, String user, String password) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return java.sql.DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return java.sql.DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
