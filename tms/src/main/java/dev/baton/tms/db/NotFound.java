package dev.baton.tms.db;

/**
 * What the caller asked for does not exist for the caller's tenant. Another tenant's row is
 * reported exactly like a missing one, so ids cannot be probed across tenants.
 */
public final class NotFound extends RuntimeException {

  public NotFound(String what, Object id) {
    super(what + " " + id + " not found");
  }
}
