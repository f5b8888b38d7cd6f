package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./baton up} does when it cannot start: one line saying what and what to do, and
 * nothing left running. Uses a fake installation (scripts standing in for the servers) so no
 * real server is needed.
 */
class TopologyRefusalsTest {

  @TempDir Path home;

  @Test
  void portAlreadyTakenIsNamedAndNothingIsStarted() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(0));
      int port = squatter.getLocalPort();
      Topology topology = new Topology(fakeInstallation("exit 1"), settings(Map.of("BATON_DB_PORT", Integer.toString(port))));

      TopologyException refused = assertThrows(TopologyException.class, () -> topology.up(quiet()));

      assertEquals(
          "port " + port + " (PostgreSQL) is already in use by another process: stop that process, or stop a running Baton with ./baton down",
          refused.getMessage());
      assertFalse(topology.anyRunning());
      assertFalse(Files.exists(home.resolve("work/run")), "no pid file written");
    }
  }

  @Test
  void aSchedulerSliceTheKernelWouldNotGrantIsRefusedBeforeAnythingStarts() throws Exception {
    Topology topology = new Topology(fakeInstallation("exit 1"), settings(Map.of("BATON_SLICE_MICROS", "50")));

    TopologyException refused = assertThrows(TopologyException.class, () -> topology.up(quiet()));

    assertEquals("BATON_SLICE_MICROS must be 0 (the kernel's default) or a whole number from 100 to 100000, not '50'",
        refused.getMessage());
    assertFalse(topology.anyRunning());
    assertFalse(Files.exists(home.resolve("work/run")), "no pid file written");
  }

  @Test
  void keycloakThatDoesNotStartIsReportedAndTheServersStartedBesideItAreStopped() throws Exception {
    Layout layout = fakeInstallation("echo 'keycloak: cannot bind, giving up'; exit 1");
    Map<String, String> given = new HashMap<>(Map.of("BATON_DB_URL", "jdbc:postgresql://127.0.0.1:1/given"));
    Topology topology = new Topology(layout, settings(given));

    TopologyException refused = assertThrows(TopologyException.class, () -> topology.up(quiet()));

    assertTrue(refused.getMessage().startsWith("keycloak stopped while starting: see " + layout.log("keycloak")), refused.getMessage());
    assertTrue(refused.getMessage().contains("cannot bind, giving up"), "the log's last line is quoted: " + refused.getMessage());
    assertTrue(topology.livePids().isEmpty(), "the fake servers started beside it were stopped");
  }

  @Test
  void secondUpWhileRunningSaysSoInsteadOfStartingTwins() throws Exception {
    Layout layout = fakeInstallation("exit 1");
    Files.createDirectories(layout.pidFile("edge").getParent());
    Files.writeString(layout.pidFile("edge"), Long.toString(ProcessHandle.current().pid()));
    Topology topology = new Topology(layout, settings(Map.of("BATON_DB_URL", "jdbc:postgresql://127.0.0.1:1/given")));

    TopologyException refused = assertThrows(TopologyException.class, () -> topology.up(quiet()));

    assertTrue(refused.getMessage().startsWith("Baton is already running: edge (pid " + ProcessHandle.current().pid() + ")"), refused.getMessage());
  }

  /** An installation whose Keycloak runs {@code keycloakScript} and whose servers never get ready. */
  private Layout fakeInstallation(String keycloakScript) throws IOException {
    Layout layout = new Layout(home, home.resolve("work"));
    script(layout.keycloak().resolve("bin/kc.sh"), keycloakScript);
    script(layout.server().resolve("bin/standalone.sh"), "exec sleep 600");
    Files.createDirectories(layout.server().resolve("standalone/configuration"));
    Files.createDirectories(layout.server().resolve("standalone/data/content"));
    return layout;
  }

  private static void script(Path path, String body) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Settings settings(Map<String, String> overrides) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "BATON_DB_PORT", Integer.toString(freePort()),
                "BATON_DB_USER", "baton",
                "BATON_DB_PASSWORD", "secret",
                "BATON_OIDC_PORT", Integer.toString(freePort()),
                "BATON_OIDC_CLIENT_SECRET", "secret",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
    values.putAll(overrides);
    return Settings.of(values);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
