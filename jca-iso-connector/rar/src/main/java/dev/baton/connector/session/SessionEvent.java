package dev.baton.connector.session;

/** What moves a session from one state to another. */
public enum SessionEvent {
  /** A TCP connection was accepted or dialled. */
  CONNECT,
  /** The bank sent 0800 with field 70 = 001. */
  SIGN_ON,
  /** The bank sent 0800 with field 70 = 002. */
  SIGN_OFF,
  /** The TCP connection ended. */
  DISCONNECT
}
