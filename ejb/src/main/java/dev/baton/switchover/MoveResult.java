package dev.baton.switchover;

/**
 * What one bank's move did.
 *
 * @param from the node the bank was on
 * @param to the node it is on now
 * @param durationMillis how long the move took
 * @param contextsHandedOver in-flight authorizations the new node took over
 * @param outcome {@code MOVED}; {@code NOOP} when the bank was on {@code to} already; {@code
 *     ROLLED_BACK} when the target did not take the bank's in-flight contexts in time (the bank
 *     stays where it was, {@code to} is then the node it is on)
 */
public record MoveResult(
    String bankId, String from, String to, long durationMillis, int contextsHandedOver, String outcome) {

  public static final String MOVED = "MOVED";
  public static final String NOOP = "NOOP";
  public static final String ROLLED_BACK = "ROLLED_BACK";
}
