package dev.baton.cluster;

import java.util.List;

/**
 * The members of the cluster as this server sees them.
 *
 * @param members member names, in the order the cluster coordinator lists them
 * @param expected how many members a complete Baton cluster has
 */
public record ClusterView(List<String> members, int expected) {

  public ClusterView {
    members = List.copyOf(members);
    if (expected < 1) {
      throw new IllegalArgumentException("a cluster expects at least one member, not " + expected);
    }
  }

  public int size() {
    return members.size();
  }

  /** True when every expected member has joined. */
  public boolean complete() {
    return members.size() >= expected;
  }
}
