package dev.baton.switchover;

import dev.baton.edge.EdgeEngine;
import dev.baton.edge.EdgeSwitch;
import dev.baton.link.NodeState;
import dev.baton.operations.audit.AuditTrail;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Moves banks between the nodes by flipping their routes (on the edge at once, in the cluster's
 * route table as soon as it replicates): requests that arrive after the flip go to the new node,
 * and those in flight on a node that is UP are handed over to it through the cluster first ({@link
 * HandOvers}), so no bank session is touched and no request is lost or answered twice. Moves of
 * one bank are serialised; a move to a node that is not UP is refused and changes nothing. When
 * a node goes DOWN, its banks move to the other node if that one is UP (actor {@code failover}); a
 * node that comes back takes no traffic until an operator moves banks to it. Every move is audited and written to {@code switchover_history}.
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

  /** How long each step of a hand-over (export, import) may take before the move gives up on it. */
  static final long STEP_MILLIS = 2_000;

  /** How long a rollback waits for the old node to have its contexts back. */
  static final long ROLLBACK_MILLIS = 5_000;

  /** How much longer than a step the edge waits for its answer (the link and a busy machine). */
  private static final long ANSWER_SLACK_MILLIS = 500;

  private HandOvers handOvers(EdgeEngine engine) {
    return new HandOvers(engine, node -> edge.nodeStates().get(node), edge::assignRoute,
        new HandOvers.Timing(STEP_MILLIS, ROLLBACK_MILLIS, ANSWER_SLACK_MILLIS, STEP_MILLIS + ANSWER_SLACK_MILLIS));
  }

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

  /**
   * Moves every bank to {@code to} in one hand-over: the banks on the other node are held, exported
   * and imported together, so traffic waits once for the whole move instead of once per bank.
   */
  @Override
  public List<MoveResult> moveAll(String to, String actor) throws MoveRefusedException {
    long called = System.nanoTime();
    NodeId target = target(to);
    requireUp(target, actor, "*");
    TreeSet<String> all = banks();
    List<ReentrantLock> taken = new ArrayList<>();
    // In name order, as every caller takes them: two moves cannot wait for each other.
    for (String bankId : all) {
      ReentrantLock lock = locks.computeIfAbsent(bankId, id -> new ReentrantLock());
      lock.lock();
      taken.add(lock);
    }
    List<Runnable> records = new ArrayList<>();
    try {
      long started = System.nanoTime();
      Instant startedAt = Instant.now();
      Map<String, NodeId> from = new java.util.TreeMap<>();
      List<String> handed = new ArrayList<>();
      Optional<EdgeEngine> engine = edge.engine();
      NodeId other = target == NodeId.A ? NodeId.B : NodeId.A;
      for (String bankId : all) {
        NodeId current = edge.currentRoute(bankId).orElse(null);
        from.put(bankId, current);
        if (current == other && engine.isPresent() && edge.nodeStates().get(other) == NodeState.UP) {
          handed.add(bankId);
        }
      }
      HandOvers.HandOver handOver = handed.isEmpty() ? HandOvers.HandOver.nothingInFlight()
          : handOvers(engine.get()).run(handed, other, target, called);
      List<MoveResult> results = new ArrayList<>();
      for (String bankId : all) {
        NodeId current = from.get(bankId);
        String fromName = current == null ? "-" : current.name();
        MoveResult result;
        if (current == target) {
          result = new MoveResult(bankId, fromName, target.name(), 0, 0, MoveResult.NOOP);
        } else if (handed.contains(bankId)) {
          long millis = (System.nanoTime() - started) / 1_000_000;
          result = new MoveResult(bankId, fromName, handOver.moved() ? target.name() : fromName, millis,
              handOver.contexts().getOrDefault(bankId, 0), handOver.moved() ? MoveResult.MOVED : MoveResult.ROLLED_BACK);
          String detail = handOver.detail();
          records.add(() -> recordMove(startedAt, actor, result, detail));
        } else {
          // No route, or its node is not UP: nothing to hand over, the route flips at once.
          edge.assignRoute(bankId, target);
          long millis = (System.nanoTime() - started) / 1_000_000;
          result = new MoveResult(bankId, fromName, target.name(), millis, 0, MoveResult.MOVED);
          records.add(() -> recordMove(startedAt, actor, result, ""));
        }
        if (!MoveResult.NOOP.equals(result.outcome())) {
          logMove(actor, result, target, handed.contains(bankId) ? handOver.steps() + handOver.detail() : "");
        }
        results.add(result);
      }
      return results;
    } finally {
      for (int i = taken.size() - 1; i >= 0; i--) {
        taken.get(i).unlock();
      }
      records.forEach(Runnable::run);
    }
  }

  /** Moves every bank routed to {@code down} to the other node, if that one is UP. */
  void failOver(NodeId down) {
    NodeId survivor = down == NodeId.A ? NodeId.B : NodeId.A;
    if (edge.nodeStates().get(survivor) != NodeState.UP) {
      LOG.log(Level.ERROR, "node {0} is DOWN and node {1} is not UP: nothing to fail over to", down, survivor);
      audit(FAILOVER, "FAILOVER", "node " + down, "node " + survivor + " is not UP", "FAILED");
      return;
    }
    // The takeover first: on the link it comes before any issuer answer for the dead node's
    // contexts (the edge holds those until it is sent, whatever their issuer's route), so the
    // contexts those answers belong to are there when they arrive. Then the
    // routes, and only then the database: traffic does not wait for the history to be written.
    boolean told = edge.engine().map(engine -> engine.takeOver(survivor, down)).orElse(false);
    List<Runnable> records = new ArrayList<>();
    for (String bankId : banks()) {
      if (edge.currentRoute(bankId).orElse(null) == down) {
        moveOne(bankId, survivor, FAILOVER, records);
      }
    }
    audit(FAILOVER, "TAKEOVER", "node " + down, "node " + survivor + (told ? " takes over" : " not reachable to take over")
        + " the in-flight authorizations node " + down + " left in the cluster", told ? "OK" : "FAILED");
    records.forEach(Runnable::run);
  }

  private MoveResult moveOne(String bankId, NodeId target, String actor) {
    List<Runnable> records = new ArrayList<>(1);
    MoveResult result = moveOne(bankId, target, actor, records);
    records.forEach(Runnable::run);
    return result;
  }

  /** Moves one bank; what must be written to the database is added to {@code records}. */
  private MoveResult moveOne(String bankId, NodeId target, String actor, List<Runnable> records) {
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
      Optional<EdgeEngine> engine = edge.engine();
      HandOvers.HandOver handOver;
      if (from != null && engine.isPresent() && edge.nodeStates().get(from) == NodeState.UP) {
        handOver = handOvers(engine.get()).run(List.of(bankId), from, target, started);
      } else {
        // Nothing to hand over from a node that is not UP (failover: the survivor takes over what
        // the dead node left in the cluster); the route flips at once.
        edge.assignRoute(bankId, target);
        handOver = HandOvers.HandOver.nothingInFlight();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      MoveResult result = new MoveResult(bankId, fromName, handOver.moved() ? target.name() : fromName, millis,
          handOver.contexts().getOrDefault(bankId, 0), handOver.moved() ? MoveResult.MOVED : MoveResult.ROLLED_BACK);
      logMove(actor, result, target, handOver.steps() + handOver.detail());
      records.add(() -> recordMove(startedAt, actor, result, handOver.detail()));
      return result;
    } finally {
      lock.unlock();
    }
  }

  private static void logMove(String actor, MoveResult result, NodeId target, String detail) {
    boolean moved = MoveResult.MOVED.equals(result.outcome());
    LOG.log(moved ? Level.INFO : Level.WARNING, "{0} {1} {2} from {3} to {4} in {5} ms, {6} in-flight authorizations"
            + " handed over{7}", actor, moved ? "moved" : "could not move", result.bankId(), result.from(), target,
        Long.toString(result.durationMillis()), Integer.toString(result.contextsHandedOver()), detail);
  }

  /** What a hand-over did: whether the routes flipped, the contexts the new node took per bank, why not. */
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
  private void recordMove(Instant startedAt, String actor, MoveResult result, String detail) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO switchover_history (started_at, finished_at, actor, bank_id, from_node, to_node,"
                    + " duration_ms, contexts_moved, outcome, detail) VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setTimestamp(1, Timestamp.from(startedAt));
      insert.setString(2, actor);
      insert.setString(3, result.bankId());
      insert.setString(4, result.from());
      insert.setString(5, result.to());
      insert.setLong(6, result.durationMillis());
      insert.setInt(7, result.contextsHandedOver());
      insert.setString(8, result.outcome());
      insert.setString(9, detail.isEmpty() ? null : detail.substring(2));
      insert.executeUpdate();
      AuditTrail.write(connection, actor, FAILOVER.equals(actor) ? "FAILOVER" : "MOVE", result.bankId(),
          result.from() + " -> " + result.to() + " in " + result.durationMillis() + " ms, "
              + result.contextsHandedOver() + " in-flight handed over" + detail,
          MoveResult.MOVED.equals(result.outcome()) ? "OK" : "FAILED");
    } catch (SQLException e) {
      LOG.log(Level.ERROR, "switchover history or audit not written for {0}: {1}", result, e.getMessage());
    }
  }

  private void audit(String actor, String action, String subject, String detail, String outcome) {
    try (Connection connection = dataSource.getConnection()) {
      AuditTrail.write(connection, actor, action, subject, detail, outcome);
    } catch (SQLException e) {
      LOG.log(Level.ERROR, "audit not written ({0} {1} {2}): {3}", actor, action, subject, e.getMessage());
    }
  }
}
