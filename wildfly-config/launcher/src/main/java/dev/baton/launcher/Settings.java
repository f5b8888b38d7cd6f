package dev.baton.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The topology's settings: the demo defaults the build ships, overridden key by key by the
 * environment. {@code BATON_DB_URL} and {@code BATON_OIDC_URL} point at an existing PostgreSQL
 * or Keycloak; without them the launcher starts its own.
 */
public final class Settings {

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Exactly these settings, nothing from the demo defaults. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** Demo defaults from {@code file}, then {@code environment} on top. */
  public static Settings load(Path file, Map<String, String> environment) throws IOException {
    Properties defaults = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      defaults.load(reader);
    }
    Map<String, String> merged = new HashMap<>();
    defaults.stringPropertyNames().forEach(key -> merged.put(key, defaults.getProperty(key)));
    environment.forEach(
        (key, value) -> {
          if (key.startsWith("BATON_") || key.startsWith("KC_BOOTSTRAP_")) {
            merged.put(key, value);
          }
        });
    return new Settings(merged);
  }

  public String get(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("setting " + key + " is missing");
    }
    return value;
  }

  private int port(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(key + " must be a port number, not '" + get(key) + "'", e);
    }
  }

  /**
   * The scheduler slice the servers ask for, in microseconds (BATON_SLICE_MICROS; see {@link
   * SchedulerSlice}); refuses what the kernel would not grant.
   */
  public int schedulerSliceMicros() {
    return SchedulerSlice.fromEnvironment(values.get("BATON_SLICE_MICROS"));
  }

  /** True when no database was given, so the launcher runs its own PostgreSQL. */
  public boolean ownDatabase() {
    return !values.containsKey("BATON_DB_URL");
  }

  public int databasePort() {
    return port("BATON_DB_PORT");
  }

  public String databaseUrl() {
    return ownDatabase()
        ? "jdbc:postgresql://127.0.0.1:" + databasePort() + "/baton"
        : get("BATON_DB_URL");
  }

  public String databaseUser() {
    return get("BATON_DB_USER");
  }

  public String databasePassword() {
    return get("BATON_DB_PASSWORD");
  }

  /** True when no Keycloak was given, so the launcher runs its own. */
  public boolean ownKeycloak() {
    return !values.containsKey("BATON_OIDC_URL");
  }

  public int keycloakPort() {
    return port("BATON_OIDC_PORT");
  }

  public String keycloakUrl() {
    return ownKeycloak() ? "http://localhost:" + keycloakPort() : get("BATON_OIDC_URL");
  }

  /** What every Baton server needs in its environment. */
  public Map<String, String> serverEnvironment() {
    return Map.of(
        "BATON_DB_URL", databaseUrl(),
        "BATON_DB_USER", databaseUser(),
        "BATON_DB_PASSWORD", databasePassword(),
        "BATON_OIDC_URL", keycloakUrl(),
        "BATON_OIDC_CLIENT_SECRET", get("BATON_OIDC_CLIENT_SECRET"),
        "BATON_PROFILE", values.getOrDefault("BATON_PROFILE", "production"));
  }
}
