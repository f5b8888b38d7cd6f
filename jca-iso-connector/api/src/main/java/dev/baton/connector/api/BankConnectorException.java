package dev.baton.connector.api;

/**
 * The adapter could not do what a {@link BankConnection} was asked: no such session, the session
 * is not connected or not signed on, the message does not pack, the write failed, or a session
 * configuration was refused.
 */
public class BankConnectorException extends Exception {

  private static final long serialVersionUID = 1L;

  public BankConnectorException(String message) {
    super(message);
  }

  public BankConnectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
