package dev.baton.switchover;

import dev.baton.edge.EdgeEngine;
import dev.baton.edge.EdgeSwitch;
import dev.baton.link.Frame.Control;
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
import java.util.Optional;
import java.util.UUID;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Moves banks between the nodes by flipping their routes (on the edge at once, in the cluster's
 * route table as soon as it replicates): requests that arrive after the flip go to the new node,
 * and those in flight on a node that is UP are handed over to it through the cluster first ({@link
 * #handOver}), so no bank session is touched and no request is lost or answered twice. Moves of
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
      HandOver handOver = handed.isEmpty() ? new HandOver(true, Map.of(), "")
          : handOver(engine.get(), handed, other, target, called);
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
    // The takeover first: on the link it comes before any issuer answer the new routes send the
    // survivor, so the contexts those answers belong to are there when they arrive. Then the
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
      HandOver handOver;
      if (from != null && engine.isPresent() && edge.nodeStates().get(from) == NodeState.UP) {
        handOver = handOver(engine.get(), List.of(bankId), from, target, started);
      } else {
        // Nothing to hand over from a node that is not UP (failover: the survivor takes over what
        // the dead node left in the cluster); the route flips at once.
        edge.assignRoute(bankId, target);
        handOver = new HandOver(true, Map.of(), "");
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
  private record HandOver(boolean moved, Map<String, Integer> contexts, String detail, String steps) {
    HandOver(boolean moved, Map<String, Integer> contexts, String detail) {
      this(moved, contexts, detail, "");
    }
  }

  /**
   * The planned move of {@code bankId} while {@code from} is UP: the edge holds the bank's new
   * requests and the answers bound for {@code from}; {@code from} exports the bank's in-flight
   * contexts to the cluster; {@code target} imports them (and the edge points the answers to them
   * at {@code target} as it says which it took); the route flips; what waited flows on. Each step
   * is bounded ({@link #STEP_MILLIS}). If the export fails, or the target is not UP or does not
   * import in time, the move rolls back: {@code from} imports whatever of the move is still in
   * the cluster (a context is taken by one node only, so each has exactly one owner, and the edge
   * knows which), and the route stays. Sign-on states need no hand-over (the edge reports every
   * session to both nodes), nor do issuer STANs (each node numbers in a range of its own, so
   * imported contexts keep theirs and never collide). {@code called} is when the move was asked
   * for (System.nanoTime), for the log.
   */
  private HandOver handOver(EdgeEngine engine, List<String> bankIds, NodeId from, NodeId target, long called) {
    double[] releasedIn = new double[1];
    HandOver done = handOver(engine, bankIds, from, target, called, releasedIn);
    return done.moved()
        ? new HandOver(true, done.contexts(), done.detail(), String.format(java.util.Locale.ROOT,
            " (%s, what waited released in %.1f ms)", done.steps(), releasedIn[0]))
        : done;
  }

  private HandOver handOver(EdgeEngine engine, List<String> bankIds, NodeId from, NodeId target, long called,
      double[] releasedIn) {
    String move = UUID.randomUUID().toString();
    bankIds.forEach(bankId -> engine.hold(bankId, from));
    long held = System.nanoTime();
    long[] answered = new long[2]; // when the link's reader took EXPORTED, IMPORTED
    try {
      Control exported = await(engine, from, step("EXPORT", move, Map.of("bank", String.join(",", bankIds))), STEP_MILLIS,
          answered, 0);
      long exportedAt = System.nanoTime();
      String problem;
      if (exported == null || !"OK".equals(exported.attribute("status"))) {
        problem = "node " + from + " did not export " + (exported == null ? "in time" : "(" + exported.attribute("status") + ")");
      } else if (edge.nodeStates().get(target) != NodeState.UP) {
        problem = "node " + target + " is no longer UP";
      } else {
        Control imported = await(engine, target, step("IMPORT", move, importing(from, exported)), STEP_MILLIS,
            answered, 1);
        long importedAt = System.nanoTime();
        if (imported != null && "OK".equals(imported.attribute("status"))
            && edge.nodeStates().get(target) == NodeState.UP) {
          bankIds.forEach(bankId -> edge.assignRoute(bankId, target));
          // One bank: what the new node took. Several: the old node's count per bank.
          return new HandOver(true, bankIds.size() == 1 ? Map.of(bankIds.get(0), count(imported))
              : perBank(exported), "", String.format(java.util.Locale.ROOT, "held %.1f ms after the move was"
                  + " asked for, export %.1f ms, import %.1f ms, each answer taken up %.1f and %.1f ms after the"
                  + " link read it, routes flipped in %.1f ms", (held - called) / 1e6, (exportedAt - held) / 1e6, (importedAt - exportedAt) / 1e6,
              waited(answered[0], exportedAt), waited(answered[1], importedAt), (System.nanoTime() - importedAt) / 1e6));
        }
        problem = "node " + target + (imported == null ? " did not import in time" : " is no longer UP");
      }
      // The answers bound for the old node stay held until it has its contexts back (a cluster
      // that waits for a dying member may take seconds): released earlier, they would find nothing.
      Control back = await(engine, from, step("IMPORT", move, importing(from, exported)), ROLLBACK_MILLIS);
      String kept = exported != null && "FAILED".equals(exported.attribute("status"))
          ? "node " + from + " kept its " + count(exported) + " in-flight authorizations"
          : "node " + from + " took back " + (back == null ? "nothing (no answer)" : count(back))
              + (exported == null ? "" : " of " + count(exported));
      return new HandOver(false, Map.of(), "; " + problem + ", " + kept);
    } finally {
      long releasing = System.nanoTime();
      bankIds.forEach(bankId -> engine.release(bankId, from));
      releasedIn[0] = (System.nanoTime() - releasing) / 1e6;
    }
  }

  /** The EXPORTED count per bank ({@code banks} = {@code ACQ1=3,ISS1=0}). */
  private static Map<String, Integer> perBank(Control exported) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    String banks = exported.attribute("banks");
    for (String item : banks == null ? new String[0] : banks.split(",")) {
      int equals = item.indexOf('=');
      if (equals > 0) {
        try {
          counts.put(item.substring(0, equals), Integer.parseInt(item.substring(equals + 1)));
        } catch (NumberFormatException e) {
          // a count we cannot read is reported as none
        }
      }
    }
    return counts;
  }

  private static Control step(String verb, String move, Map<String, String> attributes) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("move", move);
    all.putAll(attributes);
    all.put("deadline", Long.toString(System.currentTimeMillis() + STEP_MILLIS));
    return new Control(verb, all);
  }

  /** Milliseconds from {@code answered} to {@code resumed}; 0 when unknown. */
  private static double waited(long answered, long resumed) {
    return answered == 0 ? 0 : (resumed - answered) / 1e6;
  }

  private static Control await(EdgeEngine engine, NodeId node, Control request, long millis) {
    return await(engine, node, request, millis, new long[1], 0);
  }

  /**
   * Sends a step and waits for the node's answer; null when none came in time. When the link
   * read the answer goes to {@code answered[slot]}.
   */
  private static Control await(EdgeEngine engine, NodeId node, Control request, long millis, long[] answered, int slot) {
    EdgeEngine.MoveReply reply = engine.ask(node, request);
    try {
      Control answer = reply.done().get(millis + ANSWER_SLACK_MILLIS, TimeUnit.MILLISECONDS);
      answered[slot] = reply.answeredAt();
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "move {0}: node {1} did not answer {2}: {3}", request.attribute("move"), node,
          request.verb(), e.toString());
      return null;
    } finally {
      engine.forgetMove(request.attribute("move"), node);
    }
  }

  /**
   * The attributes of an IMPORT of what {@code from} exported: the count only when its EXPORTED
   * gave one (a node told "0" takes nothing from the cluster, so a count that cannot be read is
   * left out, and the node then takes whatever is there), and the key it wrote them under.
   */
  private static Map<String, String> importing(NodeId from, Control exported) {
    Map<String, String> attributes = new java.util.HashMap<>();
    attributes.put("from", from.name());
    String count = exported == null ? null : exported.attribute("count");
    if (count != null && count.matches("\\d{1,9}")) {
      attributes.put("count", count);
    }
    String key = exported == null ? null : exported.attribute("key");
    if (key != null) {
      attributes.put("key", key); // where the old node wrote them; the new node checks it is the move's
    }
    return attributes;
  }

  private static int count(Control reply) {
    try {
      return Integer.parseInt(reply.attribute("count"));
    } catch (NumberFormatException e) {
      return 0;
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
      AuditLog.write(connection, actor, FAILOVER.equals(actor) ? "FAILOVER" : "MOVE", result.bankId(),
          result.from() + " -> " + result.to() + " in " + result.durationMillis() + " ms, "
              + result.contextsHandedOver() + " in-flight handed over" + detail,
          MoveResult.MOVED.equals(result.outcome()) ? "OK" : "FAILED");
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
