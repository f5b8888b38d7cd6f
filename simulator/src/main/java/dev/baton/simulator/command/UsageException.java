package dev.baton.simulator.command;

/** The arguments do not make a command; the message says what is wrong, in one line. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
