package dev.baton.launcher;

/** The three roles one server build plays; the ports follow from each role's port offset. */
public enum Role {
  EDGE("edge", 0, 8080, 0),
  NODE_A("node-a", 100, 9180, 7401),
  NODE_B("node-b", 200, 9280, 7402);

  private final String id;
  private final int portOffset;
  private final int httpPort;
  private final int nodeLinkPort;

  Role(String id, int portOffset, int httpPort, int nodeLinkPort) {
    this.id = id;
    this.portOffset = portOffset;
    this.httpPort = httpPort;
    this.nodeLinkPort = nodeLinkPort;
  }

  /** The port a processing node listens on for the edge's node link; 0 for the edge. */
  public int nodeLinkPort() {
    return nodeLinkPort;
  }

  public String id() {
    return id;
  }

  public int httpPort() {
    return httpPort;
  }

  public int managementPort() {
    return 9990 + portOffset;
  }

  public int jgroupsPort() {
    return 7600 + portOffset;
  }

  public static Role parse(String id) {
    for (Role role : values()) {
      if (role.id.equals(id)) {
        return role;
      }
    }
    throw new IllegalArgumentException("no role '" + id + "': edge, node-a or node-b");
  }
}
