package dev.baton.connector.framing;

import java.net.SocketTimeoutException;

/** The connection stayed silent between frames for longer than the session's idle timeout. */
public final class IdleTimeoutException extends SocketTimeoutException {

  private static final long serialVersionUID = 1L;

  IdleTimeoutException(long millis) {
    super("no frame for " + millis + " ms");
  }
}
