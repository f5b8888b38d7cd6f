package dev.baton.connector.api;

/** Where a bank session stands, at the transport level and at the application level. */
public enum SessionState {
  /** No TCP connection. */
  DISCONNECTED,
  /** TCP connection open, the bank has not signed on (or has signed off and on again). */
  CONNECTED,
  /** Signed on with a 0800/001: traffic may flow. */
  SIGNED_ON,
  /** Signed off with a 0800/002; the TCP connection is still open. */
  SIGNED_OFF
}
