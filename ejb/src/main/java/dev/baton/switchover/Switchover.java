package dev.baton.switchover;

import dev.baton.edge.EdgeSwitch;
import dev.baton.link.NodeState;
import dev.baton.operations.audit.AuditLog;
import dev.baton.routing.NodeId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Moves banks between the nodes by flipping their routes (on the edge at once, in the cluster's
 * route table as soon as it replicates): requests
 * that arrive after the flip go to the new node; those in flight finish where they started (the
 * edge sends each issuer answer to the node that sent the request), so no bank session is touched
 * and no request is answered twice. Moves of one bank are serialised; a move to a node that is not
 * UP is refused and changes nothing. When a node goes DOWN, its banks move to the other node if
 * that one is UP (actor {@code failover}); a node that comes back takes no traffic until an
 * operator moves banks to it. Every move is audited and written to {@code switchover_history}.
 */
@Singleton
@Startup
@DependsOn("EdgeSwitch")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Switchover implements BankMoves {

  private static final Logger LOG = System.getLogger(Switchover.class.getName());
  static final String FAILOVER = "failover";

  @Resource(lookup = "java:jboss/datasources/BatonDS")
  private DataSource dataSource;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService executor;

  @EJB private EdgeSwitch edge;

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  @PostConstruct
  void listenForFailures() {
    edge.engine().ifPresent(engine -> engine.whenNodeDown(node -> executor.execute(() -> failOver(node))));
  }

  @Override
  public MoveResult move(String bankId, String to, String actor) throws MoveRefusedException {
    NodeId target = target(to);
    if (bankId == null || !banks().contains(bankId)) {
      refuse(actor, String.valueOf(bankId), to, MoveRefusedException.Reason.UNKNOWN_BANK, "no bank " + bankId);
    }
    requireUp(target, actor, bankId);
    return moveOne(bankId, target, actor);
  }

  @Override
  public List<MoveResult> moveAll(String to, String actor) throws MoveRefusedException {
    NodeId target = target(to);
    requireUp(target, actor, "*");
    List<MoveResult> results = new ArrayList<>();
    for (String bankId : banks()) {
      results.add(moveOne(bankId, target, actor));
    }
    return results;
  }

  /** Moves every bank routed to {@code down} to the other node, if that one is UP. */
  void failOver(NodeId down) {
    NodeId survivor = down == NodeId.A ? NodeId.B : NodeId.A;
    if (edge.nodeStates().get(survivor) != NodeState.UP) {
      LOG.log(Level.ERROR, "node {0} is DOWN and node {1} is not UP: nothing to fail over to", down, survivor);
      audit(FAILOVER, "FAILOVER", "node " + down, "node " + survivor + " is not UP", "FAILED");
      return;
    }
    // The takeover first: on the link it comes before any issuer answer the new routes send the
    // survivor, so the contexts those answers belong to are there when they arrive.
    boolean told = edge.engine().map(engine -> engine.takeOver(survivor, down)).orElse(false);
    audit(FAILOVER, "TAKEOVER", "node " + down, "node " + survivor + (told ? " takes over" : " not reachable to take over")
        + " the in-flight authorizations node " + down + " left in the cluster", told ? "OK" : "FAILED");
    for (String bankId : banks()) {
      if (edge.currentRoute(bankId).orElse(null) == down) {
        moveOne(bankId, survivor, FAILOVER);
      }
    }
  }

  private MoveResult moveOne(String bankId, NodeId target, String actor) {
    ReentrantLock lock = locks.computeIfAbsent(bankId, id -> new ReentrantLock());
    lock.lock();
    try {
      long started = System.nanoTime();
      Instant startedAt = Instant.now();
      NodeId from = edge.currentRoute(bankId).orElse(null);
      String fromName = from == null ? "-" : from.name();
      if (from == target) {
        return new MoveResult(bankId, fromName, target.name(), 0, 0, MoveResult.NOOP);
      }
      edge.assignRoute(bankId, target);
      long millis = (System.nanoTime() - started) / 1_000_000;
      MoveResult result = new MoveResult(bankId, fromName, target.name(), millis, 0, MoveResult.MOVED);
      LOG.log(Level.INFO, "{0} moved {1} from {2} to {3} in {4} ms", actor, bankId, fromName, target, millis);
      recordMove(startedAt, actor, result);
      return result;
    } finally {
      lock.unlock();
    }
  }

  private NodeId target(String to) throws MoveRefusedException {
    try {
      return NodeId.parse(to);
    } catch (IllegalArgumentException e) {
      throw new MoveRefusedException(MoveRefusedException.Reason.BAD_NODE, e.getMessage());
    }
  }

  private void requireUp(NodeId target, String actor, String subject) throws MoveRefusedException {
    NodeState state = edge.nodeStates().getOrDefault(target, NodeState.DOWN);
    if (state != NodeState.UP) {
      refuse(actor, subject, target.name(), MoveRefusedException.Reason.NODE_NOT_UP,
          "node " + target + " is " + state + ", not UP: nothing moved");
    }
  }

  private void refuse(String actor, String subject, String to, MoveRefusedException.Reason reason, String message)
      throws MoveRefusedException {
    audit(actor, "MOVE", subject, "to " + to + ": " + message, "REFUSED");
    throw new MoveRefusedException(reason, message);
  }

  private TreeSet<String> banks() {
    TreeSet<String> ids = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT id FROM bank");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("banks not readable: " + e.getMessage(), e);
    }
    return ids;
  }

  /** The move's history row and its audit event, together. */
  private void recordMove(Instant startedAt, String actor, MoveResult result) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO switchover_history (started_at, finished_at, actor, bank_id, from_node, to_node,"
                    + " duration_ms, contexts_moved, outcome, detail) VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      insert.setTimestamp(1, Timestamp.from(startedAt));
      insert.setString(2, actor);
      insert.setString(3, result.bankId());
      insert.setString(4, result.from());
      insert.setString(5, result.to());
      insert.setLong(6, result.durationMillis());
      insert.setInt(7, result.contextsHandedOver());
      insert.setString(8, result.outcome());
      insert.executeUpdate();
      AuditLog.write(connection, actor, FAILOVER.equals(actor) ? "FAILOVER" : "MOVE", result.bankId(),
          result.from() + " -> " + result.to() + " in " + result.durationMillis() + " ms", "OK");
    } catch (SQLException e) {
      LOG.log(Level.ERROR, "switchover history or audit not written for {0}: {1}", result, e.getMessage());
    }
  }

  private void audit(String actor, String action, String subject, String detail, String outcome) {
    try (Connection connection = dataSource.getConnection()) {
      AuditLog.write(connection, actor, action, subject, detail, outcome);
    } catch (SQLException e) {
      LOG.log(Level.ERROR, "audit not written ({0} {1} {2}): {3}", actor, action, subject, e.getMessage());
    }
  }
}
