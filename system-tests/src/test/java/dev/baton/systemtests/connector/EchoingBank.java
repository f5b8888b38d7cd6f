package dev.baton.systemtests.connector;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.SessionState;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.List;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** The test application's message-driven bean: approves every request it receives. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "banks", propertyValue = "ECHO1,DIAL1"))
@ResourceAdapter("baton-iso")
public class EchoingBank implements BankSessionListener {

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @Override
  public void onMessage(BankMessage message) {
    if (!message.message().isRequest()) {
      return;
    }
    try (BankConnection connection = connections.getConnection()) {
      connection.send(
          message.bankId(),
          message.sessionId(),
          message.message().withMti(message.message().responseMti()).with(39, "00"));
    } catch (BankConnectorException e) {
      throw new IllegalStateException("could not answer " + message, e);
    }
  }

  @Override
  public void onMessages(List<BankMessage> messages) {
    messages.forEach(this::onMessage);
  }

  @Override
  public BankMessageHandler directHandler() {
    return null; // every message through the container, as a bean that needs its services has them
  }

  @Override
  public void onSessionState(String bankId, String sessionId, SessionState state) {
    // the test reads states through the connection; nothing to do here
  }
}
