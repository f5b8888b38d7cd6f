package dev.baton.switchover;

import jakarta.ejb.ApplicationException;

/** A move that was not made; nothing changed. */
@ApplicationException(rollback = true)
public class MoveRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** No bank with that id. */
    UNKNOWN_BANK,
    /** The target is not A or B. */
    BAD_NODE,
    /** The target node is not UP (SUSPECT or DOWN). */
    NODE_NOT_UP
  }

  private final Reason reason;

  public MoveRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
