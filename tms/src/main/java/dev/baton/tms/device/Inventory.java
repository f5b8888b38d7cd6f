package dev.baton.tms.device;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a terminal reports at check-in.
 *
 * @param firmware firmware version
 * @param batteryPercent 0 to 100, or null on mains power
 * @param signalDbm radio signal, or null when wired
 * @param keyInjection key-injection status, e.g. {@code INJECTED}, {@code MISSING}
 * @param lastTransactionAt when it last made a transaction
 * @param applications installed application name to version
 */
public record Inventory(
    String firmware, Integer batteryPercent, Integer signalDbm, String keyInjection, Instant lastTransactionAt,
    Map<String, String> applications) {

  public Inventory {
    applications = applications == null ? Map.of() : new TreeMap<>(applications);
    if (batteryPercent != null && (batteryPercent < 0 || batteryPercent > 100)) {
      throw new dev.baton.tms.db.InvalidInput("batteryPercent", batteryPercent + " is not between 0 and 100");
    }
  }

  /** The applications as a JSON object, for the {@code jsonb} column. */
  String applicationsJson() {
    StringBuilder json = new StringBuilder("{");
    applications.forEach((name, version) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, name).append(':');
      quote(json, version);
    });
    return json.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
