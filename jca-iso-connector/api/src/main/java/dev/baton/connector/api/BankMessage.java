package dev.baton.connector.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message a bank sent on one of its sessions, as the adapter delivers it: unpacked, with the
 * frame it came in and the time it has to be answered by. Immutable.
 */
public final class BankMessage {

  private final String bankId;
  private final String sessionId;
  private final IsoMessage message;
  private final byte[] frame;
  private final Instant receivedAt;
  private final Instant deadline;

  /**
   * @param bankId the bank that sent it
   * @param sessionId the session it came in on
   * @param message the unpacked message
   * @param frame the frame's bytes as received: the header (TPDU), if the framing has one, then the
   *     packed message; without the length prefix
   * @param receivedAt when the adapter read it
   * @param deadline when the adapter stops waiting for an endpoint to take it; a request not
   *     delivered by then is declined by the adapter (RC 91)
   */
  public BankMessage(String bankId, String sessionId, IsoMessage message, byte[] frame,
      Instant receivedAt, Instant deadline) {
    this.bankId = Objects.requireNonNull(bankId, "bankId");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.message = Objects.requireNonNull(message, "message");
    this.frame = Objects.requireNonNull(frame, "frame").clone();
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  public String bankId() {
    return bankId;
  }

  public String sessionId() {
    return sessionId;
  }

  /** The unpacked message: MTI and fields. */
  public IsoMessage message() {
    return message;
  }

  /** Shorthand for {@code message().mti()}. */
  public String mti() {
    return message.mti();
  }

  /** Shorthand for {@code message().field(number)}. */
  public String field(int number) {
    return message.field(number);
  }

  /** A copy of the frame as received (header, then packed message; no length prefix). */
  public byte[] frame() {
    return frame.clone();
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BankMessage that
        && bankId.equals(that.bankId)
        && sessionId.equals(that.sessionId)
        && message.equals(that.message)
        && Arrays.equals(frame, that.frame)
        && receivedAt.equals(that.receivedAt)
        && deadline.equals(that.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bankId, sessionId, message, Arrays.hashCode(frame), receivedAt, deadline);
  }

  @Override
  public String toString() {
    // Fields stay out: they may hold a card number.
    return "BankMessage[bank " + bankId + ", session " + sessionId + ", " + message.mti()
        + ", received " + receivedAt + ", deadline " + deadline + "]";
  }
}
