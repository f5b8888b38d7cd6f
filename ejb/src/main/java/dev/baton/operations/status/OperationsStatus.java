package dev.baton.operations.status;

import dev.baton.connector.api.BankConnection;
import dev.baton.connector.api.BankConnectionFactory;
import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.SessionInfo;
import dev.baton.connector.api.SessionStatistics;
import dev.baton.edge.EdgeEngine;
import dev.baton.edge.EdgeSwitch;
import dev.baton.edge.NodeLinkStatus;
import dev.baton.operations.status.BankDirectory.ConfiguredBank;
import dev.baton.operations.status.BankDirectory.ConfiguredSession;
import dev.baton.routing.NodeId;
import dev.baton.routing.RouteTable;
import dev.baton.routing.ServerRole;
import dev.baton.schedule.BeanSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Banks and nodes as they stand, for the console and the management API. Every second (on the
 * edge) it samples the sessions' frame counters and the nodes' answers, so that rates and a ten
 * minute history are ready for every reader without each of them counting on its own.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperationsStatus {

  private static final Logger LOG = System.getLogger(OperationsStatus.class.getName());
  private static final int HISTORY_SECONDS = 600;

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/baton/BankConnectionFactory")
  private BankConnectionFactory connections;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @EJB private RouteTable routes;

  @EJB private EdgeSwitch edge;

  private final Map<String, CounterRate> bankRates = new ConcurrentHashMap<>();
  private final Map<NodeId, NodeHistory> histories = new EnumMap<>(NodeId.class);
  private static final long BANK_LIST_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);
  // Only the sampling task touches these.
  private List<String> sampledBankIds;
  private long sampledBanksAt;
  private BeanSchedule sampler;

  public OperationsStatus() {
    for (NodeId node : NodeId.values()) {
      histories.put(node, new NodeHistory(HISTORY_SECONDS));
    }
  }

  /**
   * Samples every second on the edge, on the bean's own schedule: a calendar timer fired at the
   * same wall-clock instant as every other server's, and that instant's authorizations waited.
   */
  @PostConstruct
  void startSampling() {
    if (ServerRole.ownsBankSessions()) {
      sampler = new BeanSchedule(threads, OperationsStatus.class.getClassLoader(), "operations-sampler");
      sampler.atFixedRate("status sample", this::sampleSafely, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
  }

  @PreDestroy
  void stopSampling() {
    if (sampler != null) {
      sampler.close();
    }
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      // A failed sample must not end the schedule.
      LOG.log(Level.WARNING, "status not sampled: {0}", e.toString());
    }
  }

  void sample() {
    long nanos = System.nanoTime();
    try {
      List<String> banks = sampledBanks(nanos);
      // One adapter connection for every bank, and the bank list from the database only every
      // few seconds: the full status of every bank (a database read and an adapter connection
      // per bank) every second was a burst the authorizations of that moment waited behind.
      try (BankConnection connection = connections.getConnection()) {
        for (String bank : banks) {
          long frames = 0;
          for (SessionInfo session : connection.sessionsOf(bank)) {
            frames += session.statistics().framesIn();
          }
          bankRates.computeIfAbsent(bank, id -> new CounterRate()).observe(frames, nanos);
        }
      }
    } catch (SQLException | BankConnectorException | RuntimeException e) {
      LOG.log(Level.DEBUG, "bank rates not sampled: {0}", e.getMessage());
    }
    Map<NodeId, long[]> answers = edge.engine().map(EdgeEngine::answersByNode).orElse(Map.of());
    Instant now = Instant.now();
    histories.forEach(
        (node, history) -> {
          long[] totals = answers.getOrDefault(node, new long[] {0, 0});
          history.observe(now, nanos, totals[0], totals[1]);
        });
  }

  /** The configured banks' ids, read from the database again when the last read is 5 s old. */
  private List<String> sampledBanks(long nanos) throws SQLException {
    if (sampledBankIds == null || nanos - sampledBanksAt >= BANK_LIST_MAX_AGE_NANOS) {
      sampledBankIds = BankDirectory.read(dataSource).stream().map(ConfiguredBank::id).toList();
      sampledBanksAt = nanos;
    }
    return sampledBankIds;
  }

  /** Every configured bank, by id. */
  public List<BankStatus> banks() {
    List<ConfiguredBank> configured;
    try {
      configured = BankDirectory.read(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("the configuration database did not answer: " + e.getMessage(), e);
    }
    Map<String, Integer> inFlight = edge.engine().map(EdgeEngine::awaitingByBank).orElse(Map.of());
    List<BankStatus> banks = new ArrayList<>();
    for (ConfiguredBank bank : configured) {
      banks.add(status(bank, inFlight.getOrDefault(bank.id(), 0)));
    }
    return banks;
  }

  /** One bank, if it is configured. */
  public Optional<BankStatus> bank(String id) {
    return banks().stream().filter(bank -> bank.id().equals(id)).findFirst();
  }

  /** Both nodes, as the edge's links and traffic show them. */
  public List<NodeStatus> nodes() {
    Map<NodeId, NodeLinkStatus> links = edge.nodeLinks();
    Map<NodeId, Integer> inFlight = edge.engine().map(EdgeEngine::awaitingByNode).orElse(Map.of());
    List<BankStatus> banks = banks();
    Instant now = Instant.now();
    List<NodeStatus> nodes = new ArrayList<>();
    for (NodeId node : NodeId.values()) {
      NodeLinkStatus link = links.get(node);
      boolean everAnswered = link != null && link.heartbeatAgeMillis() != Long.MAX_VALUE;
      long age = everAnswered ? link.heartbeatAgeMillis() : -1;
      NodeSample latest = histories.get(node).latest(now);
      nodes.add(
          new NodeStatus(
              node.name(),
              link == null ? "DOWN" : link.state().name(),
              link == null ? "no link on this server" : link.reason(),
              everAnswered ? now.minusMillis(age) : null,
              age,
              banks.stream().filter(bank -> node.name().equals(bank.node())).map(BankStatus::id).toList(),
              inFlight.getOrDefault(node, 0),
              latest.tps(),
              latest.latencyMillis()));
    }
    return nodes;
  }

  /** The node's last minutes, one sample a second, oldest first. */
  public List<NodeSample> history(String node) {
    return histories.get(NodeId.parse(node)).samples();
  }

  private BankStatus status(ConfiguredBank bank, int inFlight) {
    Map<String, SessionInfo> running = new java.util.HashMap<>();
    for (SessionInfo info : runningSessions(bank.id())) {
      running.put(info.sessionId(), info);
    }
    List<SessionStatus> sessions = new ArrayList<>();
    Instant lastEcho = null;
    long errors = 0;
    for (ConfiguredSession configured : bank.sessions()) {
      SessionStatus session = session(configured, running.get(configured.id()));
      sessions.add(session);
      errors += session.errors();
      if (session.lastEcho() != null && (lastEcho == null || session.lastEcho().isAfter(lastEcho))) {
        lastEcho = session.lastEcho();
      }
    }
    CounterRate rate = bankRates.get(bank.id());
    String node = routes.nodeFor(bank.id()).map(Enum::name).orElse(null);
    return new BankStatus(
        bank.id(), bank.name(), bank.role(), node, bank.homeNode(), bank.enabled(), sessions,
        rate == null ? 0 : rate.perSecond(), inFlight, lastEcho, errors);
  }

  private static SessionStatus session(ConfiguredSession configured, SessionInfo info) {
    if (info == null) {
      return new SessionStatus(configured.id(), "DISCONNECTED", "SIGNED_OFF", null, null, configured.enabled(), null, false, 0, 0);
    }
    String[] states = SessionStatus.split(info.state().name());
    SessionStatistics counted = info.statistics();
    long errors =
        counted.badFrames() + counted.readTimeouts() + counted.writeTimeouts() + counted.refusedConnections()
            + counted.oversizedFrames() + counted.declinedUndelivered() + counted.lostUndelivered()
            + counted.deliveryFailures();
    return new SessionStatus(
        configured.id(), states[0], states[1], info.remoteAddress(), info.connectedSince(), configured.enabled(),
        counted.lastEchoAnsweredAt(), info.echoOverdue(), counted.framesIn(), errors);
  }

  private List<SessionInfo> runningSessions(String bankId) {
    if (!ServerRole.ownsBankSessions()) {
      return List.of();
    }
    try (BankConnection connection = connections.getConnection()) {
      return connection.sessionsOf(bankId);
    } catch (BankConnectorException e) {
      LOG.log(Level.DEBUG, "bank {0}: sessions not read from the adapter: {1}", bankId, e.getMessage());
      return List.of();
    }
  }
}
