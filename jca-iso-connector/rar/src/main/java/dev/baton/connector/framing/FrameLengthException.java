package dev.baton.connector.framing;

import org.jpos.iso.ISOException;

/** A length prefix the session refused: unreadable, too short for a message, or too large. */
public final class FrameLengthException extends ISOException {

  private static final long serialVersionUID = 1L;

  private final int declaredLength;
  private final boolean oversized;
  private final boolean inStep;

  private FrameLengthException(String message, int declaredLength, boolean oversized, boolean inStep) {
    super(message);
    this.declaredLength = declaredLength;
    this.oversized = oversized;
    this.inStep = inStep;
  }

  static FrameLengthException unreadable(ISOException cause) {
    return new FrameLengthException("unreadable length prefix: " + cause.getMessage(), -1, false, false);
  }

  static FrameLengthException tooShort(int declared) {
    return new FrameLengthException("length prefix " + declared + " too short", declared, false, false);
  }

  static FrameLengthException oversized(int declared, int max, boolean skipped) {
    return new FrameLengthException(
        "length prefix " + declared + " over the maximum frame size " + max, declared, true, skipped);
  }

  /** The length the prefix announced, or -1 when it was not a number. */
  public int declaredLength() {
    return declaredLength;
  }

  /** Whether the prefix was over the session's maximum frame size. */
  public boolean isOversized() {
    return oversized;
  }

  /**
   * Whether the announced bytes were skipped, so that the next byte starts a frame again. When
   * false, the connection is out of step and must be closed.
   */
  public boolean inStep() {
    return inStep;
  }
}
