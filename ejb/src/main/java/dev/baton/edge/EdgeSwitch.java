package dev.baton.edge;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionState;
import dev.baton.link.Frame;
import dev.baton.link.LinkSettings;
import dev.baton.link.NodeLinkClient;
import dev.baton.link.NodeState;
import dev.baton.routing.NodeId;
import dev.baton.routing.RouteTable;
import dev.baton.sessions.BankSessionLoader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Runs the {@link EdgeEngine} on the edge: seeds the route table from the banks' home nodes (a
 * route already in the cluster's cache wins), opens the node links ({@code baton.nodes}, default
 * {@code A=127.0.0.1:7401,B=127.0.0.1:7402}; heartbeats every {@code baton.heartbeat.interval.ms}
 * (100), DOWN after {@code baton.heartbeat.misses} (3) unanswered), and checks deadlines every 20
 * ms. Does nothing on a processing node.
 */
@Singleton
@Startup
@DependsOn({"SchemaAtStartup", "RouteTable", "BankSessionLoader"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EdgeSwitch {

  private static final Logger LOG = System.getLogger(EdgeSwitch.class.getName());
  private static final long TICK_MILLIS = 20;

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  private ManagedScheduledExecutorService scheduler;

  @EJB private RouteTable routes;

  private final Map<NodeId, NodeLinkClient> clients = new EnumMap<>(NodeId.class);
  private volatile EdgeEngine engine;
  private ScheduledFuture<?> ticker;

  @PostConstruct
  void start() {
    if (!BankSessionLoader.ownsBankSessions()) {
      return;
    }
    Map<String, NodeId> homes = homeNodes();
    homes.forEach(routes::assignIfAbsent);
    NodeLinks links =
        new NodeLinks() {
          @Override
          public boolean send(NodeId node, Frame frame) {
            NodeLinkClient client = clients.get(node);
            return client != null && client.send(frame);
          }

          @Override
          public NodeState state(NodeId node) {
            NodeLinkClient client = clients.get(node);
            return client == null ? NodeState.DOWN : client.state();
          }
        };
    Duration budget =
        Duration.ofMillis(Long.getLong("baton.issuer.timeout.ms", 5_000) + Long.getLong("baton.edge.grace.ms", 1_000));
    EdgeEngine started =
        new EdgeEngine(routes::nodeFor, links, new AdapterDoor(), Clock.systemUTC(), budget, Duration.ofMinutes(2));
    for (String bank : homes.keySet()) {
      for (SessionInfo session : sessionsOf(bank)) {
        started.sessionState(bank, session.sessionId(), session.state());
      }
    }
    LinkSettings defaults = LinkSettings.defaults();
    LinkSettings settings =
        new LinkSettings(
            Duration.ofMillis(Long.getLong("baton.heartbeat.interval.ms", defaults.heartbeatInterval().toMillis())),
            Integer.getInteger("baton.heartbeat.misses", defaults.missesToDown()),
            defaults.reconnectMin(),
            defaults.reconnectMax(),
            defaults.connectTimeout(),
            defaults.maxFrameBytes());
    Map<NodeId, InetSocketAddress> addresses = nodeAddresses();
    for (Map.Entry<NodeId, InetSocketAddress> node : addresses.entrySet()) {
      NodeLinkClient client =
          new NodeLinkClient(node.getKey().name(), node.getValue(), "edge", settings, threads, started);
      clients.put(node.getKey(), client);
    }
    engine = started;
    clients.values().forEach(NodeLinkClient::start);
    ticker = scheduler.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    LOG.log(Level.INFO, "edge: switching {0} banks over node links {1}", homes.size(), addresses);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.cancel(false);
    }
    clients.values().forEach(NodeLinkClient::close);
  }

  /** A bank's message from the adapter. */
  public void fromBank(BankMessage message) {
    EdgeEngine running = engine;
    if (running != null) {
      running.fromBank(message);
    }
  }

  /** A bank session's new state, from the adapter. */
  public void sessionState(String bankId, String sessionId, SessionState state) {
    EdgeEngine running = engine;
    if (running != null) {
      running.sessionState(bankId, sessionId, state);
    }
  }

  /** The engine, on the edge. */
  public Optional<EdgeEngine> engine() {
    return Optional.ofNullable(engine);
  }

  /** Each node's state as its link's heartbeats tell it; empty off the edge. */
  public Map<NodeId, NodeState> nodeStates() {
    Map<NodeId, NodeState> states = new EnumMap<>(NodeId.class);
    clients.forEach((node, client) -> states.put(node, client.state()));
    return states;
  }

  /** What the edge's link to each node shows now; empty off the edge. */
  public Map<NodeId, NodeLinkStatus> nodeLinks() {
    Map<NodeId, NodeLinkStatus> links = new EnumMap<>(NodeId.class);
    clients.forEach(
        (node, client) ->
            links.put(
                node,
                new NodeLinkStatus(
                    client.state(), client.stateReason(), client.lastAckAgeMillis(), client.lastRoundTripNanos())));
    return links;
  }

  /** Drops the current connection of a node's link; it reconnects as after any drop. */
  public void dropLink(NodeId node, String reason) {
    NodeLinkClient client = clients.get(node);
    if (client != null) {
      client.dropConnection(reason);
    }
  }

  private void tick() {
    try {
      engine.tick();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "edge deadline check failed", e);
    }
  }

  static Map<NodeId, InetSocketAddress> nodeAddresses() {
    Map<NodeId, InetSocketAddress> addresses = new EnumMap<>(NodeId.class);
    for (String item : System.getProperty("baton.nodes", "A=127.0.0.1:7401,B=127.0.0.1:7402").split(",")) {
      String[] nodeAndAddress = item.trim().split("=", 2);
      int colon = nodeAndAddress[1].lastIndexOf(':');
      addresses.put(
          NodeId.parse(nodeAndAddress[0]),
          new InetSocketAddress(
              nodeAndAddress[1].substring(0, colon), Integer.parseInt(nodeAndAddress[1].substring(colon + 1))));
    }
    return addresses;
  }

  private Map<String, NodeId> homeNodes() {
    Map<String, NodeId> homes = new java.util.TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, home_node FROM bank")) {
      while (rows.next()) {
        homes.put(rows.getString(1), NodeId.parse(rows.getString(2)));
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "edge: banks not read, routes not seeded: {0}", e.getMessage());
    }
    return homes;
  }

  private java.util.List<SessionInfo> sessionsOf(String bank) {
    try (BankConnection connection = connections.getConnection()) {
      return connection.sessionsOf(bank);
    } catch (BankConnectorException e) {
      return java.util.List.of();
    }
  }

  /** The adapter's connections, one per call: a handle is not for sharing between threads. */
  private final class AdapterDoor implements BankDoor {
    @Override
    public String sendPacked(String bankId, String sessionId, byte[] packed) throws BankConnectorException {
      try (BankConnection connection = connections.getConnection()) {
        return connection.sendPacked(bankId, sessionId, packed);
      }
    }

    @Override
    public String send(String bankId, String sessionId, IsoMessage message) throws BankConnectorException {
      try (BankConnection connection = connections.getConnection()) {
        return connection.send(bankId, sessionId, message);
      }
    }
  }
}
