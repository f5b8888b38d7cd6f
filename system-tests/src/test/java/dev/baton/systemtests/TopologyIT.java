package dev.baton.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.launcher.Layout;
import dev.baton.launcher.Topology;
import dev.baton.systemtests.console.ConsoleScenarios;
import dev.baton.systemtests.console.ManagementApiScenarios;
import dev.baton.systemtests.console.Api;
import dev.baton.systemtests.portal.PortalScenarios;
import dev.baton.systemtests.switching.AuthorizationScenarios;
import dev.baton.systemtests.switching.FailoverScenarios;
import dev.baton.systemtests.switching.MovesUnderLoadScenarios;
import dev.baton.systemtests.tms.TerminalManagementScenarios;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Starts the whole topology the way {@code ./baton up} does (PostgreSQL, Keycloak, edge, node A,
 * node B, demo settings), checks it from outside as a person or a script would, and tears it
 * down, asserting nothing is left running.
 */
class TopologyIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Pattern CLUSTER_SIZE = Pattern.compile("\"clusterSize\"\\s*:\\s*(\\d+)");
  private static final Pattern MEMBERS = Pattern.compile("\"members\"\\s*:\\s*\"([^\"]*)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int[] MANAGEMENT_PORTS = {9990, 10090, 10190};

  private static Topology topology;
  private static Path home;

  @BeforeAll
  static void startTheTopologyAsBatonUpDoes() throws Exception {
    home = Path.of(System.getProperty("baton.home")).toAbsolutePath().normalize();
    Layout layout = new Layout(home, home.resolve("system-tests/target/topology"));
    topology = Topology.of(layout, Map.of());
    topology.up(System.out);
  }

  @AfterAll
  static void tearingDownLeavesNoProcessBehind() throws Exception {
    List<Long> pids = topology.livePids();
    // Down first, whatever the tests left: a failed assertion must not leave processes behind.
    topology.down(System.out);
    assertEquals(topology.componentNames().size(), pids.size(), "every process was running before teardown");
    for (long pid : pids) {
      // an ended child may stay visible for a moment until the JVM reaps it
      Poll.until("process " + pid + " ended", PATIENCE, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
    assertTrue(topology.livePids().isEmpty(), "no pid of the topology is alive");
    for (int port : topology.ports()) {
      assertTrue(portFree(port), "port " + port + " is free again");
    }
  }

  /** Authorizations through the topology, with jPOS banks on the demo ports. */
  @Nested
  class Authorizations extends AuthorizationScenarios {
    @Override
    protected Path pidFile(String role) {
      return topology.layout().pidFile(role);
    }

    @Override
    protected Optional<String> routeOf(String bank) {
      return routeOnEdge(bank);
    }

    @Override
    protected boolean moveBank(String bank, String node) {
      return moveOnEdge(bank, node);
    }

    @Override
    protected Optional<String> lastAuthorizationOf(String tid) {
      try (var connection = openDatabase();
          var query = connection.prepareStatement("SELECT response_code FROM terminal_last_authorization WHERE tid = ?")) {
        query.setString(1, tid);
        try (var rows = query.executeQuery()) {
          return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("terminal_last_authorization not readable: " + e.getMessage(), e);
      }
    }
  }

  /** kill -9 of a node under load, with in-flight replication none and sync. */
  @Nested
  class Failover extends FailoverScenarios {
    @Override
    protected Path pidFile(String role) {
      return topology.layout().pidFile(role);
    }

    @Override
    protected Path log(String role) {
      return topology.layout().log(role);
    }

    @Override
    protected void restart(String role) throws Exception {
      topology.restart(role, System.out);
    }

    @Override
    protected void setSetting(String name, String value) throws Exception {
      try (var connection = openDatabase();
          var update = connection.prepareStatement("UPDATE switch_setting SET value = ? WHERE name = ?")) {
        update.setString(1, value);
        update.setString(2, name);
        assertEquals(1, update.executeUpdate(), "setting " + name + " exists");
      }
    }

    @Override
    protected Optional<String> routeOf(String bank) {
      return routeOnEdge(bank);
    }

    @Override
    protected boolean moveBank(String bank, String node) {
      return moveOnEdge(bank, node);
    }
  }

  /** The topology's database, as its servers reach it. */
  private static java.sql.Connection openDatabase() throws java.sql.SQLException {
    var settings = topology.settings();
    return java.sql.DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
  }

  private static Optional<String> routeOnEdge(String bank) {
    edgeRouteProbe();
    return get("http://127.0.0.1:8080/route-probe/routes/" + bank).filter(read -> read.statusCode() == 200).map(HttpResponse::body);
  }

  /** A move as an operator makes it, through the management API; false when refused (409). */
  private static boolean moveOnEdge(String bank, String node) {
    return Api.call("POST", "/api/banks/" + bank + "/move", "{\"to\":\"" + node + "\"}", "operator").status() == 200;
  }

  private static synchronized void edgeRouteProbe() {
    if (!probeAnswers("http://127.0.0.1:8080/route-probe/routes/")) {
      try {
        deployRouteProbe("edge");
        Poll.until("the route probe answers on the edge", PATIENCE, () -> probeAnswers("http://127.0.0.1:8080/route-probe/routes/"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while deploying the route probe", e);
      }
    }
  }

  /** The management API, every call with every role. */
  /** Operators' moves through the management API while ACQ1 sends 300 requests a second. */
  @Nested
  class MovesUnderLoad extends MovesUnderLoadScenarios {
    @Override
    protected MoveAnswer move(String bank, String to) {
      Api.Answer answer = Api.call("POST", "/api/banks/" + bank + "/move", "{\"to\":\"" + to + "\"}", "operator");
      return new MoveAnswer(answer.status(), answer.body());
    }

    @Override
    protected MoveAnswer moveAll(String to) {
      Api.Answer answer = Api.call("POST", "/api/banks/move-all", "{\"to\":\"" + to + "\"}", "operator");
      return new MoveAnswer(answer.status(), answer.body());
    }

    @Override
    protected Path pidFile(String role) {
      return topology.layout().pidFile(role);
    }

    @Override
    protected Path log(String role) {
      return topology.layout().log(role);
    }

    @Override
    protected void restart(String role) throws Exception {
      topology.restart(role, System.out);
    }
  }

  @Nested
  class ManagementApi extends ManagementApiScenarios {
    @Override
    protected Path pidFile(String role) {
      return topology.layout().pidFile(role);
    }
  }

  /** The operations console in headless Chromium. */
  @Nested
  class Console extends ConsoleScenarios {}
  /** Terminal management: a terminal simulator and the demo terminal operator over HTTP. */
  @Nested
  class TerminalManagement extends TerminalManagementScenarios {}

  /** The terminal management portal in headless Chromium, with a terminal simulator. */
  @Nested
  class Portal extends PortalScenarios {
    @Override
    protected java.sql.Connection database() throws java.sql.SQLException {
      return openDatabase();
    }
  }

  @Test
  void allThreeServersAreReady() {
    for (int port : MANAGEMENT_PORTS) {
      HttpResponse<String> health = get("http://127.0.0.1:" + port + "/health/ready").orElseThrow();
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
    }
  }

  @Test
  void everyServerSeesAClusterOfThree() {
    for (int port : MANAGEMENT_PORTS) {
      String body = get("http://127.0.0.1:" + port + "/health/ready").orElseThrow().body();
      Matcher size = CLUSTER_SIZE.matcher(body);
      assertTrue(size.find(), "health reports the cluster size: " + body);
      assertEquals(3, Integer.parseInt(size.group(1)), body);
    }
  }

  /**
   * The launcher starts the nodes once the edge has formed the cluster, so the edge is its first
   * member (its coordinator) in every server's view; nodes restarted since join at the end.
   */
  @Test
  void theEdgeFormedTheClusterAndTheNodesJoinedIt() {
    for (int port : MANAGEMENT_PORTS) {
      String body = get("http://127.0.0.1:" + port + "/health/ready").orElseThrow().body();
      Matcher members = MEMBERS.matcher(body);
      assertTrue(members.find(), "health names the cluster's members: " + body);
      assertTrue(members.group(1).startsWith("edge,"), "the edge is the first member: " + body);
    }
  }

  @Test
  void routePutInTheCacheOnTheEdgeIsReadOnNodeB() throws Exception {
    deployRouteProbe("edge");
    deployRouteProbe("node-b");
    String bank = "PROBE" + System.nanoTime();
    Poll.until("the route probe answers on the edge and on node B", PATIENCE, () ->
        probeAnswers("http://127.0.0.1:8080/route-probe/routes/") && probeAnswers("http://127.0.0.1:9280/route-probe/routes/"));

    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/route-probe/routes/" + bank))
                .PUT(HttpRequest.BodyPublishers.ofString("B"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, put.statusCode(), put.body());

    HttpResponse<String> read = get("http://127.0.0.1:9280/route-probe/routes/" + bank).orElseThrow();
    assertEquals(200, read.statusCode(), read.body());
    assertEquals("B", read.body());
  }

  @Test
  void consoleRedirectsToKeycloakAndTheViewerLandsBackOnIt() throws Exception {
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      browser.open("http://localhost:8080/console/");
      browser.until(d -> d.getCurrentUrl().startsWith("http://localhost:8180/realms/baton/"));
      browser.logIn("viewer", "viewer");
      browser.until(d -> d.getCurrentUrl().startsWith("http://localhost:8080/console/"));
      browser.until(d -> d.getPageSource().contains("Signed in as viewer."));
      assertTrue(browser.driver().findElement(By.tagName("body")).getText().contains("(viewer)"));
    }
  }

  @Test
  void wrongPasswordIsRefusedByKeycloak() throws Exception {
    try (ConsoleBrowser browser = new ConsoleBrowser()) {
      browser.open("http://localhost:8080/console/");
      browser.logIn("viewer", "not-the-password");
      browser.until(d -> d.getPageSource().contains("Invalid username or password."));
      assertTrue(browser.driver().getCurrentUrl().startsWith("http://localhost:8180/realms/baton/"));
      browser.open("http://localhost:8080/console/");
      browser.until(d -> d.getCurrentUrl().startsWith("http://localhost:8180/realms/baton/"));
    }
  }

  private static void deployRouteProbe(String role) throws IOException {
    WebArchive probe =
        ShrinkWrap.create(WebArchive.class, "route-probe.war")
            .addClass(RouteProbeServlet.class)
            .addAsManifestResource(
                new org.jboss.shrinkwrap.api.asset.StringAsset("Dependencies: org.infinispan, org.infinispan.commons\n"),
                "MANIFEST.MF");
    Path deployments = topology.layout().work().resolve(role).resolve("deployments");
    Path partial = deployments.resolve("route-probe.war.partial");
    probe.as(ZipExporter.class).exportTo(partial.toFile(), true);
    Files.move(partial, deployments.resolve("route-probe.war"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean probeAnswers(String url) {
    return get(url).map(r -> r.statusCode() == 200 && r.body().equals("route probe")).orElse(false);
  }

  private static Optional<HttpResponse<String>> get(String url) {
    try {
      return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static boolean portFree(int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
