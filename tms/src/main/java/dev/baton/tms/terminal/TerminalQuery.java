package dev.baton.tms.terminal;

/**
 * What an operator looks for among the tenant's terminals; a null (or blank) part selects all.
 *
 * @param text part of a serial number or TID, in any case
 * @param status the terminals' status
 * @param groupId the terminals' group
 */
public record TerminalQuery(String text, TerminalStatus status, Long groupId) {

  /** Every terminal of the tenant. */
  public static final TerminalQuery ALL = new TerminalQuery(null, null, null);
}
