package dev.baton.connector.config;

/** Who opens the TCP connection. */
public enum SessionMode {
  /** The adapter listens on a port and the bank connects. */
  LISTEN,
  /** The adapter dials the bank, and dials again with backoff when the connection ends. */
  DIAL
}
