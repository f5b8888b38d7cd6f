package dev.baton.processing.correction;

import dev.baton.connector.api.IsoMessage;
import java.util.Objects;

/**
 * One correction of one field. Each kind checks its parameters when made, so a bad rule is refused
 * when an administrator saves it, not when a bank's traffic meets it. A rule that concerns an
 * absent field (copy from it, pad it) leaves the message as it is: the bank sent nothing to fix.
 */
public sealed interface FieldCorrectionRule {

  /** The first and last data element a rule may name; the bitmap (1) is the packager's. */
  int FIRST_FIELD = 2;

  int LAST_FIELD = 192;

  /** Longest value a rule may produce. */
  int MAX_LENGTH = 999;

  /** {@code message} with this rule applied. */
  IsoMessage apply(IsoMessage message);

  /** Sets {@code field} to {@code value}, whether or not the message had it. */
  record SetField(int field, String value) implements FieldCorrectionRule {
    public SetField {
      checkField("SET", field);
      Objects.requireNonNull(value, "SET " + field + " needs a value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            "SET " + field + " to an empty value is not allowed; STRIP removes a field");
      }
      if (value.length() > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "SET " + field + " value is " + value.length() + " characters, at most " + MAX_LENGTH);
      }
    }

    @Override
    public IsoMessage apply(IsoMessage message) {
      return message.with(field, value);
    }
  }

  /** Copies {@code from} into {@code to}, replacing what {@code to} held. */
  record CopyField(int from, int to) implements FieldCorrectionRule {
    public CopyField {
      checkField("COPY (from)", from);
      checkField("COPY (to)", to);
      if (from == to) {
        throw new IllegalArgumentException("COPY " + from + " to itself changes nothing");
      }
    }

    @Override
    public IsoMessage apply(IsoMessage message) {
      String value = message.field(from);
      return value == null ? message : message.with(to, value);
    }
  }

  /** Removes {@code field}. */
  record StripField(int field) implements FieldCorrectionRule {
    public StripField {
      checkField("STRIP", field);
    }

    @Override
    public IsoMessage apply(IsoMessage message) {
      return message.without(field);
    }
  }

  /** Which end of a value padding goes to. */
  enum Side {
    LEFT,
    RIGHT
  }

  /**
   * Pads {@code field} on {@code side} with {@code padding} up to {@code length} characters. A
   * longer value is left alone: cutting a field would lose data the bank sent.
   */
  record PadField(int field, Side side, char padding, int length) implements FieldCorrectionRule {
    public PadField {
      checkField("PAD", field);
      Objects.requireNonNull(side, "PAD " + field + " needs a side, LEFT or RIGHT");
      if (Character.isISOControl(padding)) {
        throw new IllegalArgumentException(
            "PAD "
                + field
                + " with a control character (code "
                + (int) padding
                + ") is not allowed");
      }
      if (length < 1 || length > MAX_LENGTH) {
        throw new IllegalArgumentException(
            "PAD " + field + " to length " + length + ": a length is 1 to " + MAX_LENGTH);
      }
    }

    @Override
    public IsoMessage apply(IsoMessage message) {
      String value = message.field(field);
      if (value == null || value.length() >= length) {
        return message;
      }
      String fill = String.valueOf(padding).repeat(length - value.length());
      return message.with(field, side == Side.LEFT ? fill + value : value + fill);
    }
  }

  private static void checkField(String rule, int field) {
    if (field < FIRST_FIELD || field > LAST_FIELD) {
      throw new IllegalArgumentException(
          rule
              + " names field "
              + field
              + "; data elements are "
              + FIRST_FIELD
              + " to "
              + LAST_FIELD);
    }
  }
}
