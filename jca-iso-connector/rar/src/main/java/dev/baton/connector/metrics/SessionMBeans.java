package dev.baton.connector.metrics;

import dev.baton.connector.registry.SessionLifecycle;
import dev.baton.connector.registry.SessionViews;
import dev.baton.connector.transport.SessionEndpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers one {@link SessionMetrics} per running session and unregisters it when the session
 * stops. Metrics never stand in a session's way: a registration that fails is logged and the
 * session runs without its MBean.
 */
public final class SessionMBeans implements SessionLifecycle, AutoCloseable {

  /** The JMX domain of the adapter's MBeans. */
  public static final String DOMAIN = "dev.baton.connector";

  private static final Logger LOG = System.getLogger(SessionMBeans.class.getName());

  private final SessionViews views;
  private final MBeanServer server;
  // By session id: only names this instance registered are ever unregistered by it.
  private final Map<String, ObjectName> registered = new ConcurrentHashMap<>();

  /** Registers in the platform MBeanServer, where WildFly's JMX subsystem and exporters look. */
  public SessionMBeans(SessionViews views) {
    this(views, ManagementFactory.getPlatformMBeanServer());
  }

  public SessionMBeans(SessionViews views, MBeanServer server) {
    this.views = views;
    this.server = server;
  }

  /**
   * {@code dev.baton.connector:type=BankSession,bank=<bankId>,session=<sessionId>}; a value with
   * a character that ObjectName reserves (comma, equals, colon, quote, asterisk, question mark,
   * newline) is quoted.
   */
  public static ObjectName nameOf(String bankId, String sessionId) {
    try {
      return new ObjectName(DOMAIN + ":type=BankSession,bank=" + value(bankId)
          + ",session=" + value(sessionId));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("no MBean name for bank " + bankId
          + " session " + sessionId, e);
    }
  }

  private static String value(String raw) {
    boolean reserved = raw.isEmpty() || raw.chars().anyMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0);
    return reserved ? ObjectName.quote(raw) : raw;
  }

  @Override
  public void started(SessionEndpoint endpoint) {
    String bankId = endpoint.config().bankId();
    String sessionId = endpoint.config().sessionId();
    SessionMetrics metrics = new SessionMetrics(() -> views.info(endpoint));
    try {
      ObjectName name = nameOf(bankId, sessionId);
      try {
        server.registerMBean(metrics, name);
      } catch (InstanceAlreadyExistsException stale) {
        // Left behind by an adapter instance that did not stop cleanly: the running one wins.
        LOG.log(Level.WARNING, "bank {0} session {1}: replacing a stale MBean {2}",
            bankId, sessionId, name);
        server.unregisterMBean(name);
        server.registerMBean(metrics, name);
      }
      registered.put(sessionId, name);
      LOG.log(Level.DEBUG, "bank {0} session {1}: MBean {2} registered", bankId, sessionId, name);
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: metrics MBean not registered, the session "
          + "runs without it: {2}", bankId, sessionId, e.toString());
    }
  }

  @Override
  public void stopped(SessionEndpoint endpoint) {
    unregister(endpoint.config().bankId(), endpoint.config().sessionId());
  }

  /** Unregisters whatever is still registered: the adapter is stopping. */
  @Override
  public void close() {
    for (Map.Entry<String, ObjectName> entry : List.copyOf(registered.entrySet())) {
      unregister(entry.getValue().getKeyProperty("bank"), entry.getKey());
    }
  }

  private void unregister(String bankId, String sessionId) {
    ObjectName name = registered.remove(sessionId);
    if (name == null) {
      return;
    }
    try {
      server.unregisterMBean(name);
      LOG.log(Level.DEBUG, "bank {0} session {1}: MBean {2} unregistered", bankId, sessionId, name);
    } catch (InstanceNotFoundException gone) {
      // Someone unregistered it already; the outcome is the one wanted.
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0} session {1}: MBean {2} not unregistered: {3}",
          bankId, sessionId, name, e.toString());
    }
  }
}
