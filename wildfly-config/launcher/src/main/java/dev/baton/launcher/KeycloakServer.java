package dev.baton.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak the launcher runs when none is given: the distribution from Maven Central in
 * development mode, the {@code baton} realm imported from the file the build placed in its
 * {@code data/import}.
 */
final class KeycloakServer implements Component {

  private final Layout layout;
  private final Settings settings;

  KeycloakServer(Layout layout, Settings settings) {
    this.layout = layout;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "keycloak";
  }

  @Override
  public List<Port> ports() {
    return List.of(new Port(settings.keycloakPort(), "Keycloak HTTP"));
  }

  @Override
  public Path log() {
    return layout.log(name());
  }

  @Override
  public void start() throws IOException {
    Path script = layout.keycloak().resolve("bin/kc.sh");
    if (!Files.isExecutable(script)) {
      throw new IOException("Keycloak not found at " + layout.keycloak() + ": build first (./mvnw -DskipTests install)");
    }
    ManagedProcess.start(
        List.of(
            script.toString(),
            "start-dev",
            "--http-host=127.0.0.1",
            "--http-port=" + settings.keycloakPort(),
            "--hostname=" + settings.keycloakUrl(),
            "--import-realm"),
        Map.of(
            "JAVA_HOME", System.getProperty("java.home"),
            "KC_BOOTSTRAP_ADMIN_USERNAME", settings.get("KC_BOOTSTRAP_ADMIN_USERNAME"),
            "KC_BOOTSTRAP_ADMIN_PASSWORD", settings.get("KC_BOOTSTRAP_ADMIN_PASSWORD")),
        log(),
        layout.pidFile(name()),
        0);
  }

  @Override
  public Health health() {
    if (pid() < 0) {
      return Health.down("not running");
    }
    URI realm = URI.create("http://127.0.0.1:" + settings.keycloakPort() + "/realms/baton");
    return Polling.get(realm)
        .map(answer -> answer.statusCode() == 200 ? Health.ready("realm baton served") : Health.starting("HTTP " + answer.statusCode()))
        .orElse(Health.starting("not answering yet"));
  }

  @Override
  public long pid() {
    return ManagedProcess.running(layout.pidFile(name())).map(ProcessHandle::pid).orElse(-1L);
  }

  @Override
  public boolean stop() throws IOException {
    return ManagedProcess.stop(layout.pidFile(name()), Duration.ofSeconds(30));
  }
}
