package dev.baton.api;

/** The realm roles the API knows. Each call names the ones it allows. */
final class Roles {

  /** Reads banks, nodes, sessions, the move history. */
  static final String VIEWER = "viewer";

  /** Moves banks; enables, disables, disconnects sessions. */
  static final String OPERATOR = "operator";

  /** Configures; reads the audit log. */
  static final String ADMIN = "admin";

  private Roles() {}
}
