package dev.baton.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo topology: PostgreSQL and Keycloak (unless given), the edge, node A and node B.
 * {@link #up} starts what is missing and waits until everything is ready; {@link #down} stops
 * everything and leaves no process behind.
 */
public final class Topology {

  /** How long a first start may take: Keycloak builds itself on its first run. */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

  private final Layout layout;
  private final Settings settings;
  private final List<Component> components = new ArrayList<>();

  public Topology(Layout layout, Settings settings) {
    this.layout = layout;
    this.settings = settings;
    if (settings.ownDatabase()) {
      components.add(new PostgresServer(layout, settings));
    }
    if (settings.ownKeycloak()) {
      components.add(new KeycloakServer(layout, settings));
    }
    for (Role role : Role.values()) {
      components.add(new WildFlyServer(layout, settings, role));
    }
  }

  /** The topology of a repository, with demo defaults overridden by {@code environment}. */
  public static Topology of(Layout layout, Map<String, String> environment) throws TopologyException {
    if (!Files.exists(layout.provisionedMarker())) {
      throw new TopologyException("the server is not built yet (" + layout.server() + "): run ./mvnw -DskipTests install");
    }
    try {
      return new Topology(layout, Settings.load(layout.demoSettings(), environment));
    } catch (IOException | IllegalStateException e) {
      throw new TopologyException("cannot read the settings: " + e.getMessage(), e);
    }
  }

  public Layout layout() {
    return layout;
  }

  public Settings settings() {
    return settings;
  }

  /** The names of the processes this topology runs. */
  public List<String> componentNames() {
    return components.stream().map(Component::name).toList();
  }

  /** True if any process of this topology is running. */
  public boolean anyRunning() {
    return components.stream().anyMatch(component -> component.pid() > 0);
  }

  /**
   * Starts everything and waits until all is ready. On any failure (a port taken, a process that
   * dies or does not get ready in time) it stops what it started and throws with one clear line.
   */
  public void up(PrintStream out) throws TopologyException {
    List<String> running = components.stream().filter(c -> c.pid() > 0).map(c -> c.name() + " (pid " + c.pid() + ")").toList();
    if (!running.isEmpty()) {
      throw new TopologyException("Baton is already running: " + String.join(", ", running) + "; ./baton status shows it, ./baton down stops it");
    }
    checkPorts();
    try {
      // A setting the servers would refuse, refused before anything starts.
      settings.schedulerSliceMicros();
    } catch (IllegalArgumentException e) {
      throw new TopologyException(e.getMessage(), e);
    }
    Instant started = Instant.now();
    List<String> reported = new ArrayList<>();
    boolean ready = false;
    try {
      for (Component component : components) {
        if (component instanceof PostgresServer database) {
          out.println("  starting postgres");
          database.start();
          out.printf("  %-10s ready (%.1f s)%n", database.name(), seconds(started));
          reported.add(database.name());
        }
      }
      // The edge (and Keycloak) first, the nodes once the edge has formed the cluster and started
      // its cache containers: they then join a cluster whose first member answers them. Started
      // together, a node that asked the edge for the cluster's configuration while the edge's own
      // containers were still starting got no answer and failed after 240 s (twice in eight starts
      // on a 2-core machine); a node joining a running edge, as after every restart, never did.
      List<Component> starting = new ArrayList<>();
      for (Component component : components) {
        if (!(component instanceof PostgresServer) && !isNode(component)) {
          out.println("  starting " + component.name());
          component.start();
          starting.add(component);
        }
      }
      Optional<WildFlyServer> edge = components.stream()
          .filter(Topology::isEdge)
          .map(WildFlyServer.class::cast).findFirst();
      if (edge.isPresent()) {
        await(out, started, reported, starting, () -> edge.get().cacheContainersStarted(),
            "the edge's cluster before the nodes start");
        out.printf("  %-10s cluster formed (%.1f s), the nodes join it%n", edge.get().name(), seconds(started));
      }
      // The nodes one after the other, for the same reason: two nodes joining at once each had
      // the edge install a view with it alone, and the merge of the two views left a node's start
      // of the cluster's own configuration cache waiting for a state transfer that never came.
      List<Component> nodes = components.stream().filter(Topology::isNode).toList();
      for (int i = 0; i < nodes.size(); i++) {
        Component node = nodes.get(i);
        out.println("  starting " + node.name());
        node.start();
        starting.add(node);
        if (i < nodes.size() - 1 && node instanceof WildFlyServer server) {
          await(out, started, reported, starting, server::cacheContainersStarted, node.name() + "'s cluster join");
          out.printf("  %-10s joined the cluster (%.1f s)%n", node.name(), seconds(started));
        }
      }
      awaitReady(out, started, reported);
      ready = true;
    } catch (IOException | RuntimeException e) {
      throw new TopologyException(e.getMessage(), e);
    } finally {
      if (!ready) {
        out.println("  start failed; stopping what was started");
        down(out);
      }
    }
  }

  private void checkPorts() throws TopologyException {
    for (Component component : components) {
      for (Component.Port port : component.ports()) {
        if (!Polling.portFree(port.number())) {
          throw new TopologyException(
              "port " + port.number() + " (" + port.purpose() + ") is already in use by another process: stop that process, or stop a running Baton with ./baton down");
        }
      }
    }
  }

  /**
   * The order processes stop in: the edge first, then the others in the reverse of their start
   * order (the nodes, Keycloak, the database last). With the edge gone first no node is seen to
   * die, so a planned stop fails no bank over: a node stopped before the edge had the edge move
   * its banks, and their in-flight contexts, to a node about to stop too, and write a failover
   * per bank into the switchover history and the audit log, for a stop nobody had to react to.
   */
  static <T> List<T> stopOrder(List<T> startOrder, java.util.function.Predicate<T> isEdge) {
    List<T> order = new ArrayList<>();
    startOrder.stream().filter(isEdge).forEach(order::add);
    List<T> rest = new ArrayList<>(startOrder);
    rest.removeIf(isEdge);
    java.util.Collections.reverse(rest);
    order.addAll(rest);
    return order;
  }

  private static boolean isEdge(Component component) {
    return component instanceof WildFlyServer server && server.role() == Role.EDGE;
  }

  private static boolean isNode(Component component) {
    return component instanceof WildFlyServer server && server.role() != Role.EDGE;
  }

  private void awaitReady(PrintStream out, Instant started, List<String> reported) throws TopologyException {
    await(out, started, reported, components, () -> false, "");
  }

  /**
   * Waits until every one of {@code among} is ready, or until {@code enough} (a step of the
   * start that others wait for: {@code what}); says which became ready, fails on any that stopped
   * or on the start's deadline, and says every few seconds what it still waits for.
   */
  private void await(PrintStream out, Instant started, List<String> reported, List<Component> among,
      java.util.function.BooleanSupplier enough, String what) throws TopologyException {
    Instant deadline = started.plus(START_TIMEOUT);
    Instant nextReport = Instant.now().plus(REPORT_EVERY);
    while (true) {
      List<Component> waiting = new ArrayList<>();
      for (Component component : among) {
        Component.Health health = component.health();
        if (health.state() == Component.Health.State.DOWN) {
          throw new TopologyException(component.name() + " stopped while starting: see " + component.log() + lastLine(component.log()));
        }
        if (health.state() == Component.Health.State.READY) {
          if (!reported.contains(component.name())) {
            reported.add(component.name());
            out.printf("  %-10s ready (%.1f s) %s%n", component.name(), seconds(started), health.detail());
            if (component instanceof WildFlyServer server) {
              server.lowerCollectorPriority(out);
              server.reportSchedulerSlice(out);
            }
          }
        } else {
          waiting.add(component);
        }
      }
      if (waiting.isEmpty() && what.isEmpty()) {
        out.printf("all healthy in %.1f s%n", seconds(started));
        return;
      }
      if (!what.isEmpty() && enough.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TopologyException(
            "not ready after " + START_TIMEOUT.toSeconds() + " s" + (what.isEmpty() ? "" : " (waiting for " + what + ")") + ": "
                + waiting.stream().map(c -> c.name() + " (" + c.health().detail() + ", log " + c.log() + ")").collect(Collectors.joining(", ")));
      }
      if (Instant.now().isAfter(nextReport)) {
        out.printf(
            "  waiting (%.0f s)%s: %s%n",
            seconds(started), what.isEmpty() ? "" : " for " + what,
            waiting.stream().map(c -> c.name() + " " + c.health().detail()).collect(Collectors.joining(", ")));
        nextReport = Instant.now().plus(REPORT_EVERY);
      }
      Polling.pause();
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "" : " (last line: " + lines.getLast().strip() + ")";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Starts one process again (one that was killed, say; a running one is stopped first) and waits
   * until it is ready.
   */
  public void restart(String name, PrintStream out) throws TopologyException {
    Component component =
        components.stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new TopologyException("no process " + name + " in this topology"));
    Instant started = Instant.now();
    try {
      component.stop();
      out.println("  starting " + name);
      component.start();
    } catch (IOException | RuntimeException e) {
      throw new TopologyException(name + " did not start again: " + e.getMessage(), e);
    }
    Instant deadline = started.plus(START_TIMEOUT);
    while (true) {
      Component.Health health = component.health();
      if (health.state() == Component.Health.State.READY) {
        out.printf("  %-10s ready again (%.1f s) %s%n", name, seconds(started), health.detail());
        if (component instanceof WildFlyServer server) {
          server.lowerCollectorPriority(out);
          server.reportSchedulerSlice(out);
        }
        return;
      }
      if (health.state() == Component.Health.State.DOWN) {
        throw new TopologyException(name + " stopped while starting: see " + component.log() + lastLine(component.log()));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TopologyException(name + " not ready after " + START_TIMEOUT.toSeconds() + " s: " + health.detail());
      }
      Polling.pause();
    }
  }

  /** Stops every process of the topology, in {@link #stopOrder}. */
  public void down(PrintStream out) {
    for (Component component : stopOrder(components, Topology::isEdge)) {
      try {
        if (component.stop()) {
          out.println("  stopped " + component.name());
        }
      } catch (IOException e) {
        out.println("  could not stop " + component.name() + ": " + e.getMessage());
      }
    }
  }

  /** One line per process: name, up or down, pid, port, health. */
  public List<String> status() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-10s %-5s %-8s %-6s %s", "process", "state", "pid", "port", "health"));
    for (Component component : components) {
      long pid = component.pid();
      Component.Health health = component.health();
      lines.add(
          String.format(
              "%-10s %-5s %-8s %-6d %s",
              component.name(),
              pid > 0 ? "up" : "down",
              pid > 0 ? Long.toString(pid) : "-",
              component.ports().getFirst().number(),
              health.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + health.detail()));
    }
    return lines;
  }

  /** The pids of the processes that are still alive, for checks that nothing was left behind. */
  public List<Long> livePids() {
    return components.stream().map(Component::pid).filter(pid -> pid > 0).toList();
  }

  /** The ports this topology listens on. */
  public List<Integer> ports() {
    return components.stream().flatMap(c -> c.ports().stream()).map(Component.Port::number).toList();
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  /** The component named {@code name}, if this topology has it. */
  Optional<Component> component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
