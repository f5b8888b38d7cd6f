package dev.baton.tms.terminal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life of a terminal: enrolled as {@code REGISTERED}, {@code ACTIVE} once it has exchanged its
 * activation code for a credential, {@code BLOCKED} by an operator (and back to {@code ACTIVE}),
 * {@code DECOMMISSIONED} for good.
 */
public enum TerminalStatus {
  REGISTERED,
  ACTIVE,
  BLOCKED,
  DECOMMISSIONED;

  /** The statuses this one may move to. */
  public Set<TerminalStatus> next() {
    return switch (this) {
      case REGISTERED -> EnumSet.of(ACTIVE, BLOCKED, DECOMMISSIONED);
      case ACTIVE -> EnumSet.of(BLOCKED, DECOMMISSIONED);
      case BLOCKED -> EnumSet.of(ACTIVE, DECOMMISSIONED);
      case DECOMMISSIONED -> EnumSet.noneOf(TerminalStatus.class);
    };
  }

  public boolean canMoveTo(TerminalStatus target) {
    return next().contains(target);
  }
}
