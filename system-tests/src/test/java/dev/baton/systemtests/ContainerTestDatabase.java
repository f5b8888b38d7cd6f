package dev.baton.systemtests;

import dev.baton.launcher.StandalonePostgres;
import dev.baton.launcher.WildFlyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test of the run: starts the PostgreSQL the container tests' server uses and gives
 * that server a fresh base dir; after the last test, stops the database. Registered as a JUnit
 * launcher session listener, so it runs outside the server, before Arquillian starts it.
 */
public final class ContainerTestDatabase implements LauncherSessionListener {

  private StandalonePostgres database;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("baton.home") == null) {
      return; // not a failsafe run of this module (an IDE running a single class, say)
    }
    Path home = Path.of(System.getProperty("baton.home")).toAbsolutePath().normalize();
    Path target = home.resolve("system-tests/target");
    try {
      WildFlyServer.prepareBaseDir(home.resolve("wildfly-config/target/wildfly"), target.resolve("arquillian-server"));
      database =
          StandalonePostgres.start(
              home,
              target.resolve("arquillian-db"),
              Integer.getInteger("arquillian.db.port"),
              System.getProperty("arquillian.db.password"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the container tests' server and database", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (database != null) {
      try {
        database.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop the container tests' database", e);
      }
    }
  }
}
