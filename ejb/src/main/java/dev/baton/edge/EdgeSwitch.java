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
import dev.baton.routing.ServerRole;
import dev.baton.schedule.BeanSchedule;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  /**
   * Ticks between two reads of the route cache: this edge writes every route itself and updates
   * its snapshot at once when it does, so the read only repairs what the cluster lost; reading
   * the whole cache every tick cost 3 % of the edge's processor time under load.
   */
  private static final int ROUTE_READ_TICKS = 25;

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  private ManagedScheduledExecutorService scheduler;

  @EJB private RouteTable routes;

  /** The route table's cache itself, copied into {@link #routeSnapshot} every 500 ms. */
  @Resource(lookup = "java:jboss/infinispan/cache/baton/routes")
  private org.infinispan.Cache<String, String> routeCache;

  /**
   * The routes as of the last read of the cluster's cache (every 500 ms), updated at once by a move
   * made here: read for every request, without a bean call or a cache lookup.
   */
  private volatile Map<String, NodeId> routeSnapshot = Map.of();
  private final Object routeLock = new Object();
  /**
   * Routes this edge assigned (moves, failover). The edge is the only writer of the route table,
   * so these are the truth: the cache is brought back to them whenever it disagrees (a write that
   * failed, or one a topology change lost).
   */
  private final Map<String, NodeId> assignedRoutes = new java.util.concurrent.ConcurrentHashMap<>();
  /** Banks whose route is being written to the cache now. */
  private final java.util.Set<String> writingRoutes = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final AdapterDoor door = new AdapterDoor();

  private final Map<NodeId, NodeLinkClient> clients = new EnumMap<>(NodeId.class);
  private volatile EdgeEngine engine;
  /** Ticks so far; only the ticker's thread counts them. */
  private long ticks;
  /** The deadline sweep and the route cache's read, every {@link #TICK_MILLIS}. */
  private BeanSchedule ticker;

  @PostConstruct
  void start() {
    if (!ServerRole.ownsBankSessions()) {
      return;
    }
    Map<String, NodeId> homes = homeNodes();
    homes.forEach(routes::assignIfAbsent);
    refreshRoutes();
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
        new EdgeEngine(this::routeOf, links, door, Clock.systemUTC(), budget, Duration.ofMinutes(2));
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
    ticker = new BeanSchedule(threads, EdgeSwitch.class.getClassLoader(), "edge-ticks");
    ticker.atFixedRate("deadline sweep", this::tick, Duration.ofMillis(TICK_MILLIS), Duration.ofMillis(TICK_MILLIS));
    LOG.log(Level.INFO, "edge: switching {0} banks over node links {1}", homes.size(), addresses);
  }

  @PreDestroy
  void stop() {
    if (ticker != null) {
      ticker.close();
    }
    EdgeEngine running = engine;
    if (running != null) {
      running.stopping(); // the links closed below go DOWN for that: no failover
    }
    clients.values().forEach(NodeLinkClient::close);
    door.close();
  }

  private Optional<NodeId> routeOf(String bankId) {
    return Optional.ofNullable(routeSnapshot.get(bankId));
  }

  /** The node this edge routes {@code bankId} to now. */
  public Optional<NodeId> currentRoute(String bankId) {
    return routeOf(bankId);
  }

  /**
   * Routes {@code bankId} to {@code node}: at once for this edge's requests, and for the cluster
   * as soon as the replicated cache has taken the write. The write is asynchronous because a
   * synchronous one waits for every member, and a frozen member makes it wait until the cluster
   * excludes it (seconds). This edge's route wins over the cache's, and the cache is written again
   * at the next tick whenever it does not hold it (a failed write, or one a topology change lost).
   * Even issuing the write took 1 to 5 ms per bank under load, and a move holds its banks' traffic
   * until their routes have flipped: it is issued from the scheduler's thread, not the caller's.
   */
  public void assignRoute(String bankId, NodeId node) {
    synchronized (routeLock) {
      assignedRoutes.put(bankId, node);
      Map<String, NodeId> updated = new java.util.HashMap<>(routeSnapshot);
      updated.put(bankId, node);
      routeSnapshot = Map.copyOf(updated);
    }
    try {
      scheduler.execute(() -> replicate(bankId, node));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      replicate(bankId, node); // the server is stopping: written here, or at the next start's seeding
    }
  }

  private void replicate(String bankId, NodeId node) {
    if (!writingRoutes.add(bankId)) {
      return; // a write is under way; the next refresh checks its result
    }
    routeCache
        .putAsync(bankId, node.name())
        .whenComplete(
            (previous, failure) -> {
              writingRoutes.remove(bankId);
              if (failure != null) {
                LOG.log(Level.WARNING, "route {0} -> {1} not replicated yet, trying again: {2}", bankId, node, failure.toString());
              }
            });
  }

  private void refreshRoutes() {
    Map<String, NodeId> fresh = new java.util.HashMap<>();
    for (Map.Entry<String, String> route : routeCache.entrySet()) {
      try {
        fresh.put(route.getKey(), NodeId.parse(route.getValue()));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.WARNING, "route of {0} ignored: {1}", route.getKey(), e.getMessage());
      }
    }
    for (Map.Entry<String, NodeId> assigned : assignedRoutes.entrySet()) {
      if (assigned.getValue() != fresh.get(assigned.getKey()) && !writingRoutes.contains(assigned.getKey())) {
        LOG.log(Level.INFO, "route {0} -> {1} is not in the cluster''s route table (it has {2}): written again",
            assigned.getKey(), assigned.getValue(), fresh.get(assigned.getKey()));
        replicate(assigned.getKey(), assigned.getValue());
      }
    }
    synchronized (routeLock) {
      fresh.putAll(assignedRoutes);
      routeSnapshot = Map.copyOf(fresh);
    }
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
      if (++ticks % ROUTE_READ_TICKS == 0) {
        refreshRoutes();
      }
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

  /**
   * The adapter's connections, one held per thread (a handle is not for sharing between threads,
   * and taking one from the server's pool for every message cost more than the write itself).
   * A failed write is tried once more on a fresh handle, in case the held one was closed under
   * it (the adapter redeployed, say).
   */
  private final class AdapterDoor implements BankDoor {
    private final ThreadLocal<BankConnection> held = new ThreadLocal<>();
    private final java.util.Set<BankConnection> all = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public String sendPacked(String bankId, String sessionId, byte[] packed) throws BankConnectorException {
      try {
        return connection().sendPacked(bankId, sessionId, packed);
      } catch (BankConnectorException | RuntimeException first) {
        forget();
        return connection().sendPacked(bankId, sessionId, packed);
      }
    }

    @Override
    public String send(String bankId, String sessionId, IsoMessage message) throws BankConnectorException {
      try {
        return connection().send(bankId, sessionId, message);
      } catch (BankConnectorException | RuntimeException first) {
        forget();
        return connection().send(bankId, sessionId, message);
      }
    }

    @Override
    public void holdWrites() {
      try {
        connection().holdWrites();
      } catch (BankConnectorException | RuntimeException e) {
        LOG.log(Level.DEBUG, "holding bank writes: {0}", e.toString()); // they are then sent one by one
      }
    }

    @Override
    public void flushWrites() {
      try {
        connection().flushWrites();
      } catch (BankConnectorException | RuntimeException e) {
        LOG.log(Level.WARNING, "sending held bank writes: {0}", e.toString());
      }
    }

    private BankConnection connection() throws BankConnectorException {
      BankConnection connection = held.get();
      if (connection == null) {
        connection = connections.getConnection();
        held.set(connection);
        all.add(connection);
      }
      return connection;
    }

    private void forget() {
      BankConnection connection = held.get();
      held.remove();
      if (connection != null) {
        all.remove(connection);
        closeQuietly(connection);
      }
    }

    void close() {
      all.forEach(AdapterDoor::closeQuietly);
      all.clear();
    }

    private static void closeQuietly(BankConnection connection) {
      try {
        connection.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing a bank connection handle: {0}", e.toString());
      }
    }
  }
}
