package dev.baton.edge;

import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.BankMessageHandler;
import dev.baton.connector.api.BankSessionListener;
import dev.baton.connector.api.SessionState;
import dev.baton.link.LinkWrites;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Receives every bank's messages and session states from the resource adapter, for the edge. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "banks", propertyValue = "*"))
@ResourceAdapter("baton-iso")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EdgeTraffic implements BankSessionListener {

  private static final Logger LOG = System.getLogger(EdgeTraffic.class.getName());

  @EJB private EdgeSwitch edge;

  /** Held by this (pooled) bean once the edge runs: a bank message then costs no bean call. */
  private EdgeEngine engine;

  @Override
  public void onMessage(BankMessage message) {
    EdgeEngine running = engine();
    if (running != null) {
      fromBank(running, message);
    }
  }

  /**
   * A burst of one session's messages, each handled as {@link #onMessage} handles one; the node
   * link frames they cause leave together, in as few writes as the links' buffers allow.
   */
  @Override
  public void onMessages(List<BankMessage> messages) {
    EdgeEngine running = engine();
    if (running != null) {
      fromBank(running, messages);
    }
  }

  /**
   * The engine itself, once it runs, for the adapter to give bank messages to with no call of this
   * bean each: a message needs none of the container's services (no transaction, no security, no
   * CDI), the engine being a plain object the node links' threads call as well. Off the edge, or
   * before the engine runs, every message comes through this bean.
   */
  @Override
  public BankMessageHandler directHandler() {
    EdgeEngine running = engine();
    if (running == null) {
      return null;
    }
    return new Direct(running, Thread.currentThread().getContextClassLoader());
  }

  /**
   * Hands the adapter's messages to the engine under the application's class loader (the one this
   * bean's calls run under), as {@link #onMessage} and {@link #onMessages} would.
   */
  private record Direct(EdgeEngine engine, ClassLoader application) implements BankMessageHandler {
    @Override
    public void onMessage(BankMessage message) {
      underApplication(() -> fromBank(engine, message));
    }

    @Override
    public void onMessages(List<BankMessage> messages) {
      underApplication(() -> fromBank(engine, messages));
    }

    private void underApplication(Runnable action) {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(application);
      try {
        action.run();
      } finally {
        thread.setContextClassLoader(before);
      }
    }
  }

  /** The edge's engine, held once it runs; null off the edge or before it starts. */
  private EdgeEngine engine() {
    EdgeEngine running = engine;
    if (running == null) {
      // Off the edge no bank sessions end here; on it the engine starts before the sessions load.
      running = edge.engine().orElse(null);
      engine = running;
    }
    return running;
  }

  /** Each message in turn, the node link frames they cause sent together at the end. */
  private static void fromBank(EdgeEngine running, List<BankMessage> messages) {
    LinkWrites.together(() -> {
      for (BankMessage message : messages) {
        fromBank(running, message);
      }
    });
  }

  private static void fromBank(EdgeEngine running, BankMessage message) {
    try {
      running.fromBank(message);
    } catch (RuntimeException bug) {
      // Not to the adapter, which would decline the request at once: past its route the edge has
      // taken the request (a node may answer it), and one it did not pass on it declines at its
      // deadline.
      LOG.log(Level.ERROR, "edge failed on a " + message.mti() + " from " + message.bankId(), bug);
    }
  }

  @Override
  public void onSessionState(String bankId, String sessionId, SessionState state) {
    edge.sessionState(bankId, sessionId, state);
  }
}
