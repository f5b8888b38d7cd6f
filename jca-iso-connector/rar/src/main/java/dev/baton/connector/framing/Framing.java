package dev.baton.connector.framing;

import java.util.Locale;
import org.jpos.iso.ISOPackager;

/**
 * The length prefix and header a bank's frames carry, as named in the session configuration.
 *
 * <p>The binary framings are jPOS's {@code NACChannel}, the ASCII ones its {@code ASCIIChannel}.
 * With a TPDU, every frame starts with a 5-byte header after the length; the length counts it.
 */
public enum Framing {
  /** 2-byte big-endian binary length, no header (the demo banks' framing). */
  BINARY2("binary2", false),
  /** 2-byte big-endian binary length, then a 5-byte TPDU. */
  BINARY2_TPDU("binary2-tpdu", true),
  /** 4 ASCII digits of length, no header. */
  ASCII4("ascii4", false),
  /** 4 ASCII digits of length, then a 5-byte TPDU. */
  ASCII4_TPDU("ascii4-tpdu", true);

  /** The TPDU put on frames the adapter originates when the configuration names none. */
  public static final String DEFAULT_TPDU = "6000000000";

  private final String configName;
  private final boolean tpdu;

  Framing(String configName, boolean tpdu) {
    this.configName = configName;
    this.tpdu = tpdu;
  }

  /** The name used in configuration, e.g. {@code binary2-tpdu}. */
  public String configName() {
    return configName;
  }

  /** Whether frames carry a 5-byte TPDU after the length prefix. */
  public boolean hasTpdu() {
    return tpdu;
  }

  /**
   * Reads a configuration name (case does not matter).
   *
   * @throws IllegalArgumentException for a name that is not a framing
   */
  public static Framing of(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Framing framing : values()) {
      if (framing.configName.equals(wanted)) {
        return framing;
      }
    }
    throw new IllegalArgumentException(
        "unknown framing '" + name + "', expected binary2, binary2-tpdu, ascii4 or ascii4-tpdu");
  }

  /** A new, unconnected channel with this framing, for one TCP connection. */
  public FramedChannel newChannel(ISOPackager packager, FrameRules rules) {
    byte[] header = tpdu ? rules.tpdu() : null;
    return switch (this) {
      case BINARY2, BINARY2_TPDU -> new BinaryLengthChannel(packager, header, rules);
      case ASCII4, ASCII4_TPDU -> new AsciiLengthChannel(packager, header, rules);
    };
  }
}
