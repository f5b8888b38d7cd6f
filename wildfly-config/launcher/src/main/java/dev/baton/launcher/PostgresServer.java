package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL the launcher runs when no database is given: binaries from Maven Central, data
 * under the work folder, listening on loopback only. PostgreSQL refuses to run as root, so when
 * the launcher is root it runs PostgreSQL as the unprivileged user {@code nobody}.
 */
final class PostgresServer implements Component {

  private static final String UNPRIVILEGED = "nobody";

  private final Layout layout;
  private final Settings settings;

  PostgresServer(Layout layout, Settings settings) {
    this.layout = layout;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public List<Port> ports() {
    return List.of(new Port(settings.databasePort(), "PostgreSQL"));
  }

  @Override
  public Path log() {
    return layout.log(name());
  }

  @Override
  public void start() throws IOException {
    PostgresBinaries.ensureUnpacked(layout.postgresBinariesJar(), layout.postgresHome());
    if (runningAsRoot()) {
      run(
          "PostgreSQL refuses to run as root, so Baton runs it as '" + UNPRIVILEGED + "', who cannot reach "
              + layout.postgresHome() + ": run Baton from a folder every user may traverse, or give an existing database with BATON_DB_URL",
          "test", "-x", pg("postgres"));
    }
    Files.createDirectories(layout.logs());
    if (!Files.exists(log())) {
      Files.createFile(log());
    }
    handToServerUser(log());
    if (!Files.exists(layout.postgresData().resolve("PG_VERSION"))) {
      initialise();
    }
    run(
        "PostgreSQL did not start",
        pg("pg_ctl"),
        "-D", layout.postgresData().toString(),
        "-l", log().toString(),
        "-o", "-p " + settings.databasePort(),
        "-w", "-t", "60", "start");
    createDatabase();
  }

  private void initialise() throws IOException {
    Path data = layout.postgresData();
    PostgresBinaries.deleteTree(data);
    Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    handToServerUser(data);
    Path passwordFile = layout.work().resolve("pgpass.tmp");
    Files.writeString(passwordFile, settings.databasePassword() + "\n");
    handToServerUser(passwordFile);
    try {
      run(
          "initdb failed",
          pg("initdb"),
          "-D", data.toString(),
          "-U", settings.databaseUser(),
          "--pwfile=" + passwordFile,
          "--auth-host=scram-sha-256",
          "--auth-local=trust",
          "-E", "UTF8",
          "--no-locale");
    } finally {
      Files.deleteIfExists(passwordFile);
    }
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\n# Baton: loopback TCP only, no Unix socket\n"
            + "listen_addresses = '127.0.0.1'\n"
            + "unix_socket_directories = ''\n"
            + "max_connections = 200\n",
        java.nio.file.StandardOpenOption.APPEND);
  }

  private void createDatabase() throws IOException {
    String admin = "jdbc:postgresql://127.0.0.1:" + settings.databasePort() + "/postgres";
    try (Connection connection = DriverManager.getConnection(admin, settings.databaseUser(), settings.databasePassword());
        Statement statement = connection.createStatement()) {
      var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'baton'");
      if (!exists.next()) {
        statement.execute("CREATE DATABASE baton");
      }
    } catch (SQLException e) {
      throw new IOException("PostgreSQL started but the baton database could not be made: " + e.getMessage(), e);
    }
  }

  @Override
  public Health health() {
    if (pid() < 0) {
      return Health.down("not running");
    }
    String url = "jdbc:postgresql://127.0.0.1:" + settings.databasePort() + "/baton";
    try (Connection connection = DriverManager.getConnection(url, settings.databaseUser(), settings.databasePassword())) {
      return connection.isValid(2) ? Health.ready("accepting connections") : Health.starting("not answering");
    } catch (SQLException e) {
      return Health.starting(e.getMessage());
    }
  }

  @Override
  public long pid() {
    Path pidFile = layout.postgresData().resolve("postmaster.pid");
    return ManagedProcess.running(pidFile).map(ProcessHandle::pid).orElse(-1L);
  }

  @Override
  public boolean stop() throws IOException {
    if (pid() < 0) {
      return false;
    }
    run("PostgreSQL did not stop", pg("pg_ctl"), "-D", layout.postgresData().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    return true;
  }

  private String pg(String tool) {
    return layout.postgresHome().resolve("bin").resolve(tool).toString();
  }

  private void run(String failure, String... command) throws IOException {
    List<String> full = new ArrayList<>();
    if (runningAsRoot()) {
      full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=nogroup", "--clear-groups", "--"));
    }
    full.addAll(List.of(command));
    Path output = Files.createTempFile("baton-pg", ".out");
    try {
      Process process =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(failure + ": " + command[0] + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(failure + ": " + Files.readString(output).strip() + " (see " + log() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(failure + ": interrupted", e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private void handToServerUser(Path path) throws IOException {
    if (runningAsRoot()) {
      UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(path, users.lookupPrincipalByName(UNPRIVILEGED));
    }
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
