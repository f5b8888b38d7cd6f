package dev.baton.routing;

/** A processing node. */
public enum NodeId {
  A,
  B;

  /** Parses "A" or "B" (any case), refusing anything else with a message that says so. */
  public static NodeId parse(String text) {
    if (text != null) {
      switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
        case "A" -> {
          return A;
        }
        case "B" -> {
          return B;
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException("a node is A or B, not '" + text + "'");
  }
}
