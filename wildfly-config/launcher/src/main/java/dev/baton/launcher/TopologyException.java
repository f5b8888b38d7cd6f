package dev.baton.launcher;

/** The topology could not be brought to the state asked for; the message says why and what to do. */
public final class TopologyException extends Exception {

  public TopologyException(String message) {
    super(message);
  }

  public TopologyException(String message, Throwable cause) {
    super(message, cause);
  }
}
