package dev.baton.tms.terminal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The formats of a terminal's identifiers. A TID is ISO 8583 field 41 (8 characters), a MID is
 * field 42 (up to 15); a serial number is the vendor's, letters, digits, dashes and dots.
 */
public final class TerminalFields {

  private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,31}");
  private static final Pattern TID = Pattern.compile("[A-Za-z0-9]{8}");
  private static final Pattern MID = Pattern.compile("[A-Za-z0-9]{1,15}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\- ]{0,63}");

  private TerminalFields() {}

  /** Why {@code serial} is not a serial number, or empty when it is one. */
  public static Optional<String> checkSerial(String serial) {
    if (serial == null || serial.isEmpty()) {
      return Optional.of("is required");
    }
    return SERIAL.matcher(serial).matches()
        ? Optional.empty()
        : Optional.of("'" + serial + "' is not 1 to 32 letters, digits, dots or dashes");
  }

  public static Optional<String> checkTid(String tid) {
    if (tid == null || tid.isEmpty()) {
      return Optional.of("is required");
    }
    return TID.matcher(tid).matches()
        ? Optional.empty()
        : Optional.of("'" + tid + "' is not 8 letters or digits (ISO 8583 field 41)");
  }

  public static Optional<String> checkMid(String mid) {
    if (mid == null || mid.isEmpty()) {
      return Optional.of("is required");
    }
    return MID.matcher(mid).matches()
        ? Optional.empty()
        : Optional.of("'" + mid + "' is not 1 to 15 letters or digits (ISO 8583 field 42)");
  }

  /** A model code, site code, group or tag name: optional unless {@code required}. */
  public static Optional<String> checkName(String name, boolean required) {
    if (name == null || name.isEmpty()) {
      return required ? Optional.of("is required") : Optional.empty();
    }
    return CODE.matcher(name).matches()
        ? Optional.empty()
        : Optional.of("'" + name + "' is not 1 to 64 letters, digits, spaces, dots, dashes or underscores");
  }
}
