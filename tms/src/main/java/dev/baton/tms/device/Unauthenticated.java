package dev.baton.tms.device;

/**
 * A terminal's code or credential was not accepted. The message never says which part was
 * wrong, so codes and credentials cannot be probed.
 */
public final class Unauthenticated extends RuntimeException {

  public Unauthenticated(String message) {
    super(message);
  }
}
