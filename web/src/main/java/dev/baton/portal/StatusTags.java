package dev.baton.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The colour of a status tag on the portal's pages, the same everywhere. */
@Named
@ApplicationScoped
public class StatusTags {

  /** For a terminal's status. */
  public String terminal(Object status) {
    return switch (String.valueOf(status)) {
      case "ACTIVE" -> "success";
      case "REGISTERED" -> "info";
      case "BLOCKED" -> "warning";
      default -> "secondary";
    };
  }

  /** For a task's status. */
  public String task(Object status) {
    return switch (String.valueOf(status)) {
      case "INSTALLED", "UPLOADED" -> "success";
      case "FAILED" -> "danger";
      case "CANCELLED" -> "secondary";
      case "DOWNLOADING" -> "warning";
      default -> "info";
    };
  }

  /** For a deployment's status. */
  public String deployment(Object status) {
    return switch (String.valueOf(status)) {
      case "RUNNING" -> "success";
      case "PAUSED" -> "warning";
      default -> "secondary";
    };
  }
}
