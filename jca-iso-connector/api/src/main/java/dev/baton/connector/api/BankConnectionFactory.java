package dev.baton.connector.api;

/**
 * How an application reaches the adapter's bank sessions. Bound by the server in JNDI, e.g.
 * {@code @Resource(lookup = "java:/baton/BankConnectionFactory") BankConnectionFactory banks;}.
 */
public interface BankConnectionFactory {

  /**
   * A connection to the adapter: cheap (no socket is opened, the bank sessions are already
   * there); close it when done, best with try-with-resources.
   *
   * @throws BankConnectorException when the adapter is not running
   */
  BankConnection getConnection() throws BankConnectorException;
}
