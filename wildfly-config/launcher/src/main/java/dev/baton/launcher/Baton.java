package dev.baton.launcher;

import dev.baton.migrations.SchemaMigration;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ./baton}: up, down, status, migrate and move for the demo topology. */
public final class Baton {

  private Baton() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "help" : args[0];
    Path home = Path.of(System.getProperty("baton.home", "."));
    try {
      Topology topology = Topology.of(Layout.of(home), System.getenv());
      switch (command) {
        case "up" -> up(topology);
        case "down" -> {
          topology.down(System.out);
          System.out.println(topology.anyRunning() ? "some processes are still running" : "Baton is down");
        }
        case "status" -> topology.status().forEach(System.out::println);
        case "migrate" -> migrate(topology.settings());
        case "move" -> {
          MoveCommand.Request request;
          try {
            request = MoveCommand.parse(java.util.List.of(args).subList(1, args.length));
          } catch (IllegalArgumentException e) {
            System.err.println("baton: " + e.getMessage());
            System.exit(2);
            return;
          }
          System.exit(MoveCommand.run(request, topology.settings(), System.out, System.err));
        }
        default -> usage();
      }
    } catch (TopologyException e) {
      System.err.println("baton: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void up(Topology topology) throws TopologyException {
    AtomicBoolean done = new AtomicBoolean();
    Thread cleanup =
        new Thread(
            () -> {
              if (!done.get()) {
                System.out.println("\ninterrupted: stopping what was started");
                topology.down(System.out);
              }
            });
    Runtime.getRuntime().addShutdownHook(cleanup);
    System.out.println("starting Baton (" + String.join(", ", topology.componentNames()) + ")");
    try {
      topology.up(System.out);
    } finally {
      done.set(true);
    }
    Settings settings = topology.settings();
    System.out.println();
    System.out.println("  console      http://localhost:8080/console/");
    System.out.println("  API          http://localhost:8080/api");
    System.out.println("  Keycloak     " + settings.keycloakUrl() + "/realms/baton");
    System.out.println("  health       http://127.0.0.1:9990/health/ready (edge), :10090 (node A), :10190 (node B)");
    System.out.println("  demo users   admin/admin, operator/operator, viewer/viewer, tms/tms");
    System.out.println("  logs         ./baton logs <edge|node-a|node-b|keycloak|postgres>; stop with ./baton down");
  }

  private static void migrate(Settings settings) throws TopologyException {
    try {
      var result = SchemaMigration.migrate(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword(),
          "demo".equals(settings.serverEnvironment().get("BATON_PROFILE")));
      System.out.println("schema migrated: " + result.migrationsExecuted + " migration(s) applied");
    } catch (RuntimeException e) {
      throw new TopologyException("migration failed: " + e.getMessage(), e);
    }
  }

  private static void usage() {
    System.out.println(
        """
        usage: ./baton <command>
          up                 start PostgreSQL, Keycloak, the edge, node A and node B; wait until healthy
          down               stop everything ./baton up started
          status             each process: up or down, pid, port, health
          logs <process>     follow a process's log (edge, node-a, node-b, keycloak, postgres)
          migrate            apply the database migrations on their own
          move <BANK|--all> --to <A|B>
                             move banks between the nodes through the management API
                             (as BATON_USER/BATON_PASSWORD, the demo operator by default)
          sim <acquirer|issuer> [options]
                             run the bank simulator (see simulator/README.md)""");
  }
}
