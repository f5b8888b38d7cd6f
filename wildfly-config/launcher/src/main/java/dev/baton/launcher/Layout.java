package dev.baton.launcher;

import java.nio.file.Path;

/**
 * Where things are: the provisioned server and Keycloak under the build's output, and the
 * topology's own state (base dirs, database, logs, pid files) under a work folder.
 *
 * @param home the repository root
 * @param work the folder this topology keeps its state in
 */
public record Layout(Path home, Path work) {

  /** The layout of {@code ./baton up}: state under {@code work/} at the repository root. */
  public static Layout of(Path home) {
    return new Layout(home.toAbsolutePath().normalize(), home.toAbsolutePath().normalize().resolve("work"));
  }

  public Path server() {
    return home.resolve("wildfly-config/target/wildfly");
  }

  public Path keycloak() {
    return home.resolve("wildfly-config/target/keycloak");
  }

  public Path postgresBinariesJar() {
    return home.resolve("wildfly-config/target/postgres/postgres-binaries.jar");
  }

  /** Marker the build writes once the server is configured. */
  public Path provisionedMarker() {
    return server().resolve("baton/.provisioned");
  }

  public Path demoSettings() {
    return server().resolve("baton/demo/demo.properties");
  }

  public Path roleProperties(Role role) {
    return server().resolve("baton/roles/" + role.id() + ".properties");
  }

  public Path baseDir(Role role) {
    return work.resolve(role.id());
  }

  public Path postgresHome() {
    return work.resolve("pgsql");
  }

  public Path postgresData() {
    return work.resolve("pgdata");
  }

  public Path logs() {
    return work.resolve("logs");
  }

  public Path log(String component) {
    return logs().resolve(component + ".log");
  }

  public Path pidFile(String component) {
    return work.resolve("run").resolve(component + ".pid");
  }
}
