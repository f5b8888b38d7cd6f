package dev.baton.console.banks;

import java.time.Instant;

/**
 * Where a bank's latest move from the console stands.
 *
 * @param bankId the bank
 * @param to the node it goes to
 * @param state {@code WAITING} (behind other banks of the same request), {@code MOVING}, {@code
 *     MOVED}, {@code NOOP} (it was there already), {@code ROLLED_BACK} (the target did not import in time), {@code REFUSED} or {@code FAILED}
 * @param text what a person reads: "moved to B in 42 ms, 3 in flight handed over"
 * @param actor who asked
 * @param at when the state was reached
 */
public record MoveProgress(String bankId, String to, String state, String text, String actor, Instant at) {

  public boolean running() {
    return "WAITING".equals(state) || "MOVING".equals(state);
  }

  public String severity() {
    return switch (state) {
      case "MOVED", "NOOP" -> "success";
      case "REFUSED", "FAILED", "ROLLED_BACK" -> "danger";
      default -> "info";
    };
  }
}
