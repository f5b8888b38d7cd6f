package dev.baton.link;

import java.io.IOException;

/**
 * Bytes that are not a node-link frame: a length out of bounds, an unknown type, a body that does
 * not hold its fields exactly, a HELLO out of turn. The connection that carried them is out of
 * step and is closed; the process carries on.
 */
public final class LinkProtocolException extends IOException {

  private static final long serialVersionUID = 1L;

  public LinkProtocolException(String message) {
    super(message);
  }

  LinkProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
