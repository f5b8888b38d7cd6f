package dev.baton.routing;

import java.util.Optional;

/**
 * What this server is in the topology, from the {@code baton.role} system property its launcher
 * sets: the edge, which holds the banks' sessions, or processing node A or B. (A plain class, not
 * a bean's static method: the container warns at every deployment about static methods on beans.)
 */
public final class ServerRole {

  private ServerRole() {}

  /** This server's node, when it is a processing node. */
  public static Optional<NodeId> processingNode() {
    return switch (String.valueOf(System.getProperty("baton.role"))) {
      case "node-a" -> Optional.of(NodeId.A);
      case "node-b" -> Optional.of(NodeId.B);
      default -> Optional.empty();
    };
  }

  /** Whether this server is the edge: only the edge holds bank sessions; nodes never open a bank socket. */
  public static boolean ownsBankSessions() {
    return "edge".equals(System.getProperty("baton.role"));
  }
}
