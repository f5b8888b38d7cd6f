package dev.baton.systemtests.connector;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankSessionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Gives the adapter the test's two bank sessions when the test application starts: ECHO1 listens,
 * DIAL1 dials a bank server the test runs. Ports come from the archive's echo-sessions.properties.
 */
@Singleton
@Startup
public class EchoSessions {

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @PostConstruct
  void configure() {
    Properties ports = new Properties();
    try (InputStream in = EchoSessions.class.getResourceAsStream("/echo-sessions.properties")) {
      ports.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("echo-sessions.properties missing", e);
    }
    try (BankConnection connection = connections.getConnection()) {
      connection.configure(
          BankSessionSettings.of("ECHO1", "ECHO1-1", "LISTEN", "127.0.0.1", Integer.parseInt(ports.getProperty("listen")))
              .with("role", "ACQUIRER"));
      connection.configure(
          BankSessionSettings.of("DIAL1", "DIAL1-1", "DIAL", "127.0.0.1", Integer.parseInt(ports.getProperty("dial")))
              .with("reconnectMinMillis", "200")
              .with("reconnectMaxMillis", "1000"));
    } catch (BankConnectorException e) {
      throw new IllegalStateException("the adapter refused the test sessions", e);
    }
  }
}
