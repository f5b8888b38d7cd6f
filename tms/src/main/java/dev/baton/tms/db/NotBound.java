package dev.baton.tms.db;

/**
 * The signed-in operator works for no tenant, for several, or for one that does not exist:
 * nothing is shown or changed, and the reason is told as it is.
 */
public final class NotBound extends RuntimeException {

  public NotBound(String reason) {
    super(reason);
  }
}
