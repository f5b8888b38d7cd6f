package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A PostgreSQL of its own for a test run that needs a database but not the whole topology (the
 * container tests): the same binaries and the same start as {@code ./baton up}, with its data
 * under {@code work} and its own port.
 */
public final class StandalonePostgres implements AutoCloseable {

  private final PostgresServer server;
  private final Settings settings;

  private StandalonePostgres(PostgresServer server, Settings settings) {
    this.server = server;
    this.settings = settings;
  }

  /** Starts (initialising on first use) a database {@code baton} owned by user {@code baton}. */
  public static StandalonePostgres start(Path home, Path work, int port, String password) throws IOException {
    Settings settings =
        Settings.of(Map.of("BATON_DB_PORT", Integer.toString(port), "BATON_DB_USER", "baton", "BATON_DB_PASSWORD", password));
    PostgresServer server = new PostgresServer(new Layout(home, work), settings);
    if (server.pid() < 0) {
      server.start();
    }
    return new StandalonePostgres(server, settings);
  }

  public String jdbcUrl() {
    return settings.databaseUrl();
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }
}
