package dev.baton.tms.terminal;

import java.time.Instant;

/**
 * One terminal as its operator sees it: identity, status, what it reported at its last check-in,
 * and the last authorization the switch carried for its TID.
 */
public record TerminalView(
    long id,
    String serialNumber,
    String model,
    String tid,
    String mid,
    String merchant,
    String site,
    String group,
    TerminalStatus status,
    String statusReason,
    Instant enrolledAt,
    LastCheckIn lastCheckIn,
    LastAuthorization lastAuthorization) {

  /** What the terminal reported at its last check-in; null fields were not reported. */
  public record LastCheckIn(
      Instant at,
      String firmware,
      Integer batteryPercent,
      Integer signalDbm,
      String keyInjection,
      Instant lastTransactionAt,
      String applications) {}

  /** The last authorization the switch carried with this terminal's TID in field 41. */
  public record LastAuthorization(Instant at, String mti, String responseCode) {}
}
