package dev.baton.edge;

import dev.baton.connector.api.BankConnectorException;
import dev.baton.connector.api.BankMessage;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.api.SessionState;
import dev.baton.link.Frame;
import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Refused;
import dev.baton.link.LinkListener;
import dev.baton.link.NodeState;
import dev.baton.processing.AuthorizationMessages;
import dev.baton.processing.ResponseCode;
import dev.baton.routing.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The edge's share of every authorization: sends each bank message to the node its route names
 * (the ISO bytes as received), writes what nodes send back on the banks' sessions, and keeps the
 * promise of one answer per acquirer request.
 *
 * <p>Each acquirer request is registered under a correlation id before it leaves for its node. The
 * first of these ends it: the node's answer (written to the acquirer), or its deadline (the edge
 * declines it RC 91: the node is down, or its link dropped, or the answer was lost). Whatever comes
 * second is dropped, and a node's answer that comes second is refused back to the node, so nothing
 * is answered twice.
 *
 * <p>Issuer answers go to the node that sent the request: the edge remembers the node per issuer
 * and issuer-side STAN when it writes the request (nodes number STANs in disjoint ranges).
 * Thread-safe.
 */
public final class EdgeEngine implements LinkListener {

  private static final Logger LOG = System.getLogger(EdgeEngine.class.getName());

  private record Awaiting(String bankId, String sessionId, IsoMessage request, long deadline, NodeId node) {
    Awaiting sentTo(NodeId other) {
      return new Awaiting(bankId, sessionId, request, deadline, other);
    }
  }

  private record Owner(NodeId node, long expiresAt) {}

  private record Session(String bankId, SessionState state) {}

  /** An issuer answer waiting for a node to take it; {@code owner} sent the request, if known. */
  private record Parked(BankMessage message, NodeId owner, long until) {}

  private record Delivered(NodeId node, BankMessage message, long at) {}

  /**
   * Issuer answers a node was given this recently go again to the node taking its contexts over
   * when it dies; older ones only if their acquirer request still waits for its answer.
   */
  private static final long REPLAY_MILLIS = 1_000;

  /** How often answers kept past {@link #REPLAY_MILLIS} are checked for a request still waiting. */
  private static final long OLDER_CHECK_MILLIS = 250;

  /** The fields of an issuer answer the edge reads when it gives the answer again: see {@link #forReplay}. */
  private static final int[] REPLAY_FIELDS = {11, 37, 41};

  /** How long the edge remembers that it declined a request at its deadline. */
  private static final long DECLINED_MEMORY_MILLIS = 60_000;

  /** How often owners and declined correlations past their time are forgotten. */
  private static final long SWEEP_MILLIS = 1_000;

  /** How long an issuer answer waits for its node to be UP again, or for failover to give its issuer a live route. */
  private static final long PARK_MILLIS = 2_000;

  /** What the edge counted since it started. */
  public record Counters(
      long forwarded,
      long answered,
      long declinedNoNode,
      long declinedAtDeadline,
      long lateAnswersRefused,
      long issuerAnswersUnrouted) {}

  private final Function<String, Optional<NodeId>> routes;
  private final NodeLinks links;
  private final BankDoor banks;
  private final Clock clock;
  private final long answerBudgetMillis;
  private final long ownerRetentionMillis;
  private final AtomicLong correlations = new AtomicLong();
  private final Map<Long, Awaiting> awaiting = new ConcurrentHashMap<>();
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final java.util.Queue<Parked> parked = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Queue<Data> heldRequests = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** Banks being moved: their acquirers' requests wait here until the move is over. */
  private final Map<String, Integer> heldBanks = new ConcurrentHashMap<>();
  /** Nodes giving contexts away in a move: issuer answers for them wait until it is over. */
  private final Map<NodeId, Integer> heldNodes = new ConcurrentHashMap<>();
  /**
   * DOWN nodes whose contexts another node has been told to take over ({@link #takeOver}), since
   * they were last UP. Until then an issuer answer for a dead node's context waits: given to the
   * survivor before its TAKEOVER, it would find no context there, and the survivor, once it had
   * taken the context over, would time it out.
   */
  private final java.util.Set<NodeId> takenOver = ConcurrentHashMap.newKeySet();
  /**
   * Issuer answers given to a node within a request's budget: a node killed outright stops
   * reading before its link drops, and what its kernel took in that moment is lost with it, as is
   * what it had read and not yet processed (a busy node may be seconds behind). When a node goes
   * DOWN, those of the last {@link #REPLAY_MILLIS}, and older ones whose acquirer request still
   * waits, go again to whoever took its contexts over.
   */
  private final java.util.Deque<Delivered> recentAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
  /**
   * Answers that left {@link #recentAnswers} after {@link #REPLAY_MILLIS} while their acquirer
   * request still waited, kept while it waits (at most the request's budget). The others go at
   * once: kept for the whole budget, six seconds of every answer outlived the collector's young
   * cycles, and copying them was most of each cycle's work on the edge.
   */
  private final java.util.Deque<Delivered> olderAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
  /**
   * When {@link #olderAnswers} are next checked against the waiting requests; the tick's alone.
   * Not at every tick: behind a node seconds late they are thousands, and a node's death checks
   * them again anyway.
   */
  private long nextOlderCheck;
  /** Correlations the edge declined at their deadline, until a node's late answer can no longer come. */
  private final Map<Long, Long> declinedCorrelations = new ConcurrentHashMap<>();
  /** Moves waiting for a node's EXPORTING, EXPORTED or IMPORTED, by move id and node. */
  private final Map<String, MoveReply> moveReplies = new ConcurrentHashMap<>();
  /** Per move told to import early: the IMPORT-KEYS kept until the old node's export is seen ({@link #keysAfterExport}). */
  private final Map<String, List<Map.Entry<NodeId, List<String>>>> keysAwaitingExport = new ConcurrentHashMap<>();
  /** When the next sweep of {@link #owners} and {@link #declinedCorrelations} is due; the tick's alone. */
  private long nextSweep;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong declinedNoNode = new AtomicLong();
  private final AtomicLong declinedAtDeadline = new AtomicLong();
  private final AtomicLong lateAnswersRefused = new AtomicLong();
  private final AtomicLong issuerAnswersUnrouted = new AtomicLong();
  private final Map<NodeId, NodeAnswers> answersByNode = new ConcurrentHashMap<>();
  /**
   * Per node: a send to it checks the holds and sends under the read lock, a {@link #hold} takes
   * the write lock. Once a hold is in place, every send that checked before it has reached the
   * link, ahead of the move's EXPORT; without this, an issuer answer that had just passed the
   * check could reach the old node behind the EXPORT, find its context gone, and leave the new
   * owner to time the authorization out.
   */
  private final Map<NodeId, java.util.concurrent.locks.ReadWriteLock> sendLocks = new java.util.EnumMap<>(NodeId.class);
  private volatile java.util.function.Consumer<NodeId> nodeDown = node -> {};
  private volatile boolean stopping;

  /**
   * @param routes the node serving a bank
   * @param links the node links
   * @param banks the banks' sessions
   * @param clock the time
   * @param answerBudget how long after the edge received a request it declines it itself
   * @param ownerRetention how long the edge remembers which node sent an issuer request
   */
  public EdgeEngine(
      Function<String, Optional<NodeId>> routes,
      NodeLinks links,
      BankDoor banks,
      Clock clock,
      Duration answerBudget,
      Duration ownerRetention) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.links = Objects.requireNonNull(links, "node links");
    this.banks = Objects.requireNonNull(banks, "bank door");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.answerBudgetMillis = answerBudget.toMillis();
    this.ownerRetentionMillis = ownerRetention.toMillis();
    for (NodeId node : NodeId.values()) {
      sendLocks.put(node, new java.util.concurrent.locks.ReentrantReadWriteLock());
    }
  }

  /**
   * A message from a bank, as the adapter delivered it. (A burst of a session's frames comes to the
   * edge's bean in one call, which sends the link writes they cause together.)
   */
  public void fromBank(BankMessage message) {
    if (message.message().isRequest()) {
      fromAcquirer(message);
    } else {
      fromIssuer(message);
    }
  }

  /** A bank session changed state: the nodes hear of it at once. */
  public void sessionState(String bankId, String sessionId, SessionState state) {
    sessions.put(sessionId, new Session(bankId, state));
    Control control = sessionControl(bankId, sessionId, state);
    for (NodeId node : NodeId.values()) {
      links.send(node, control);
    }
  }

  /** Declines what reached its deadline and forgets old issuer-request owners; call often. */
  public void tick() {
    long now = clock.millis();
    for (Map.Entry<Long, Awaiting> entry : awaiting.entrySet()) {
      Awaiting request = entry.getValue();
      if (request.deadline() <= now && awaiting.remove(entry.getKey(), request)) {
        declinedAtDeadline.incrementAndGet();
        declinedCorrelations.put(entry.getKey(), now + DECLINED_MEMORY_MILLIS);
        LOG.log(Level.WARNING, "{0} STAN {1} RRN {2} from {3}: no answer from node {4} by the deadline, declined RC 91 by the edge",
            request.request().mti(), request.request().field(11), request.request().field(37), request.bankId(),
            request.node());
        decline(request.bankId(), request.sessionId(), request.request());
      }
    }
    if (now >= nextSweep) {
      // Both are kept for minutes: a sweep of each once a second is soon enough, and reading
      // every entry at each tick cost the edge more than the rest of the tick.
      nextSweep = now + SWEEP_MILLIS;
      owners.entrySet().removeIf(entry -> entry.getValue().expiresAt() <= now);
      declinedCorrelations.values().removeIf(forgetAt -> forgetAt <= now);
    }
    ageAnswers(now);
    releaseHeldRequests();
    releaseParked(now);
  }

  /**
   * Answers given more than {@link #REPLAY_MILLIS} ago leave {@link #recentAnswers}: to {@link
   * #olderAnswers} while their acquirer request waits, nowhere otherwise; and older ones go once
   * their request no longer waits or their budget is over (checked every {@link
   * #OLDER_CHECK_MILLIS}).
   */
  private void ageAnswers(long now) {
    java.util.Set<String> waiting = null;
    for (Delivered oldest = recentAnswers.peekFirst();
        oldest != null && oldest.at() <= now - REPLAY_MILLIS;
        oldest = recentAnswers.peekFirst()) {
      if (waiting == null) {
        waiting = waitingReferences();
      }
      // Added to the older ones before it leaves the recent ones, so that a node going down
      // meanwhile finds it in one of them (in both at worst: given twice, the second matches
      // nothing on the node). Taken from the head, where the oldest is (a search for it cost as
      // much as the rest of the tick); should a node going down have removed it meanwhile, what
      // was taken instead goes back, and the copy goes too.
      boolean keep = waiting.contains(reference(oldest.message().message()));
      if (keep) {
        olderAnswers.addLast(oldest);
      }
      Delivered taken = recentAnswers.pollFirst();
      if (taken != oldest) {
        if (taken != null) {
          recentAnswers.addFirst(taken);
        }
        if (keep) {
          olderAnswers.removeLastOccurrence(oldest);
        }
      }
    }
    if (!olderAnswers.isEmpty() && now >= nextOlderCheck) {
      nextOlderCheck = now + OLDER_CHECK_MILLIS;
      java.util.Set<String> stillWaiting = waiting != null ? waiting : waitingReferences();
      olderAnswers.removeIf(delivered -> delivered.at() <= now - answerBudgetMillis
          || !stillWaiting.contains(reference(delivered.message().message())));
    }
  }

  /** The references (37 and 41) of the acquirer requests waiting for their answers. */
  private java.util.Set<String> waitingReferences() {
    java.util.Set<String> waiting = new java.util.HashSet<>();
    awaiting.values().forEach(request -> waiting.add(reference(request.request())));
    return waiting;
  }

  /** Issuer answers kept to be given again should their node die: see {@link #recentAnswers}. */
  public int answersKeptForReplay() {
    return recentAnswers.size() + olderAnswers.size();
  }

  /** What a node answers to a move's EXPORT or IMPORT. */
  public static final class MoveReply {
    private final java.util.concurrent.CompletableFuture<Control> done = new java.util.concurrent.CompletableFuture<>();
    private volatile long answeredAt;
    /** The step asked: EXPORT is answered by EXPORTING or EXPORTED, IMPORT by IMPORTED. */
    private final String step;

    MoveReply(String step) {
      this.step = step;
    }

    boolean answeredBy(String verb) {
      return "EXPORT".equals(step) ? "EXPORTING".equals(verb) || "EXPORTED".equals(verb) : "IMPORTED".equals(verb);
    }

    /** When the link's reader took the node's answer (System.nanoTime), 0 before. */
    public long answeredAt() {
      return answeredAt;
    }

    /** The node's EXPORTING, EXPORTED or IMPORTED ({@code count}, {@code status}). */
    public java.util.concurrent.CompletableFuture<Control> done() {
      return done;
    }
  }

  /**
   * Sends a move's EXPORT or IMPORT (attribute {@code move}) to {@code node}; the reply completes
   * when the node answers. The caller waits with its own timeout and then calls {@link
   * #forgetMove}. Nodes send IMPORT-KEYS before IMPORTED: the edge points the answers to those
   * issuer requests at the importing node as they come.
   */
  public MoveReply ask(NodeId node, Control request) {
    MoveReply reply = new MoveReply(request.verb());
    moveReplies.put(request.attribute("move") + "@" + node, reply);
    if (!links.send(node, request)) {
      reply.done.completeExceptionally(new IllegalStateException("node " + node + " link did not take " + request.verb()));
    }
    return reply;
  }

  /** Forgets what a move still waited for from {@code node}. */
  public void forgetMove(String move, NodeId node) {
    moveReplies.remove(move + "@" + node);
  }

  /** Sends a move's step that needs no answer. */
  public boolean tell(NodeId node, Control step) {
    return links.send(node, step);
  }

  /**
   * For a move whose new node is told to import while the old node exports: the new node's
   * IMPORT-KEYS are applied only once the old node's EXPORTING (or EXPORTED) has been taken in its
   * turn, after every issuer request that node sent before it. Taken at once, they could point an
   * answer at the new node and then see the old node's earlier request, still queued here, point it
   * back.
   */
  public void keysAfterExport(String move) {
    keysAwaitingExport.put(move, new ArrayList<>());
  }

  /** Applies what {@link #keysAfterExport} kept back for {@code move}, and keeps nothing more back. */
  public void applyKeptKeys(String move) {
    List<Map.Entry<NodeId, List<String>>> kept = keysAwaitingExport.remove(move);
    if (kept != null) {
      synchronized (kept) {
        kept.forEach(keys -> reassignOwners(keys.getValue(), keys.getKey()));
      }
    }
  }

  /**
   * Holds what a move must not let through: {@code bankId}'s new requests, and the issuer answers
   * that would go to {@code from}, until {@link #release}.
   */
  public void hold(String bankId, NodeId from) {
    java.util.concurrent.locks.Lock holding = sendLocks.get(from).writeLock();
    holding.lock();
    try {
      heldBanks.merge(bankId, 1, Integer::sum);
      heldNodes.merge(from, 1, Integer::sum);
    } finally {
      holding.unlock();
    }
  }

  /** Sends {@code frame} to {@code node} unless {@code held} says a move holds it; see {@link #sendLocks}. */
  private boolean sendUnlessHeld(NodeId node, Frame frame, java.util.function.BooleanSupplier held) {
    java.util.concurrent.locks.Lock sending = sendLocks.get(node).readLock();
    sending.lock();
    try {
      return !held.getAsBoolean() && links.state(node) == NodeState.UP && links.send(node, frame);
    } finally {
      sending.unlock();
    }
  }

  /** Ends a {@link #hold}: what waited goes where the routes and owners point now. */
  public void release(String bankId, NodeId from) {
    heldBanks.computeIfPresent(bankId, (bank, holds) -> holds > 1 ? holds - 1 : null);
    heldNodes.computeIfPresent(from, (node, holds) -> holds > 1 ? holds - 1 : null);
    releaseHeldRequests();
    releaseParked(clock.millis());
  }

  /** Issuer answers to the requests named {@code issuer|STAN} go to {@code node} from now on. */
  public void reassignOwners(List<String> keys, NodeId node) {
    long expiresAt = clock.millis() + ownerRetentionMillis;
    keys.forEach(key -> owners.put(key, new Owner(node, expiresAt)));
  }

  /** Tells {@code survivor} to take over the in-flight contexts {@code down} left in the cluster. */
  public boolean takeOver(NodeId survivor, NodeId down) {
    boolean sent = links.send(survivor, new Control("TAKEOVER", Map.of("from", down.name())));
    // Sent or not (a survivor that cannot be reached takes no answer either): the answers that
    // waited for it go where their routes point now, behind it on the link.
    takenOver.add(down);
    releaseParked(clock.millis());
    return sent;
  }

  /** Requests waiting for their node's answer now. */
  public int awaiting() {
    return awaiting.size();
  }

  public Counters counters() {
    return new Counters(forwarded.get(), answered.get(), declinedNoNode.get(),
        declinedAtDeadline.get(), lateAnswersRefused.get(), issuerAnswersUnrouted.get());
  }

  /** Requests waiting for an answer now, per acquirer bank. */
  public Map<String, Integer> awaitingByBank() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    awaiting.values().forEach(request -> counts.merge(request.bankId(), 1, Integer::sum));
    return counts;
  }

  /** Requests waiting for an answer now, per node they were sent to. */
  public Map<NodeId, Integer> awaitingByNode() {
    Map<NodeId, Integer> counts = new java.util.EnumMap<>(NodeId.class);
    awaiting.values().forEach(request -> counts.merge(request.node(), 1, Integer::sum));
    return counts;
  }

  /**
   * Answers each node has given so far and their total time from the edge receiving the request
   * to the answer being written, in milliseconds; a caller takes differences for rates.
   */
  public Map<NodeId, long[]> answersByNode() {
    Map<NodeId, long[]> totals = new java.util.EnumMap<>(NodeId.class);
    answersByNode.forEach((node, answers) -> totals.put(node, answers.totals()));
    return totals;
  }

  /** A node's answers and their total latency; read without a lock, so the pair may be a tick apart. */
  private static final class NodeAnswers {
    private final java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder millis = new java.util.concurrent.atomic.LongAdder();

    void add(long latencyMillis) {
      count.increment();
      millis.add(Math.max(0, latencyMillis));
    }

    long[] totals() {
      return new long[] {count.sum(), millis.sum()};
    }
  }

  /** Who hears that a node went DOWN (failover); called on the link's thread, so hand work off. */
  public void whenNodeDown(java.util.function.Consumer<NodeId> listener) {
    nodeDown = Objects.requireNonNull(listener, "listener");
  }

  /**
   * The edge is stopping: the node links it closes next go DOWN for that, not because a node
   * failed, so no bank moves (the route table stays as it is for the next start) and the change is
   * no incident in the log.
   */
  public void stopping() {
    stopping = true;
  }

  @Override
  public void onState(String nodeId, NodeState from, NodeState to, String reason) {
    LOG.log(to == NodeState.UP || stopping ? Level.INFO : Level.WARNING, "node {0}: {1} -> {2} ({3})", nodeId, from,
        to, reason);
    if (to == NodeState.DOWN) {
      NodeId down = NodeId.parse(nodeId);
      // Before failover points the issuers elsewhere: these wait for the new route.
      long now = clock.millis();
      int[] again = {0, 0};
      java.util.Set<String> unanswered = waitingReferences();
      // One pass each, the older first: removing each match by value would scan a deque once per match.
      java.util.function.Predicate<Delivered> replay = delivered -> {
        if (delivered.node() != down) {
          return false;
        }
        boolean recent = delivered.at() > now - REPLAY_MILLIS;
        if (recent || unanswered.contains(reference(delivered.message().message()))) {
          parked.add(new Parked(delivered.message(), down, now + PARK_MILLIS));
          again[recent ? 0 : 1]++;
        }
        return true;
      };
      olderAnswers.removeIf(replay);
      recentAnswers.removeIf(replay);
      if (again[0] + again[1] > 0) {
        LOG.log(Level.WARNING, "node {0} is DOWN: the {1} issuer answers it was given in the last {2} ms, and {3} older"
            + " ones whose acquirer still waits, go again to the node taking its contexts over (one it had finished"
            + " matches nothing there)", down, Integer.toString(again[0]), Long.toString(REPLAY_MILLIS),
            Integer.toString(again[1]));
      }
      if (stopping) {
        LOG.log(Level.INFO, "node {0}: link closed as the edge stops; no failover", down);
      } else {
        nodeDown.accept(down);
      }
    }
    if (to == NodeState.UP && from == NodeState.DOWN) {
      NodeId node = NodeId.parse(nodeId);
      takenOver.remove(node); // its next death needs a takeover of its own
      for (Map.Entry<String, Session> session : sessions.entrySet()) {
        links.send(node, sessionControl(session.getValue().bankId(), session.getKey(), session.getValue().state()));
      }
      links.send(node, new Control("SESSIONS-COMPLETE", Map.of()));
    }
  }

  @Override
  public void onFrame(String nodeId, Frame frame) {
    NodeId node = NodeId.parse(nodeId);
    switch (frame) {
      case Data data when data.correlation() != 0 -> answerFromNode(node, data);
      case Data data -> requestFromNode(node, data);
      case Control control -> moveReply(node, control);
      default -> LOG.log(Level.DEBUG, "node {0} sent {1}, nothing to do", nodeId, frame);
    }
  }

  /**
   * A node's frames read together (answers and issuer requests for several banks) are written to
   * the banks with one flush per connection rather than one per message.
   */
  @Override
  public void holdWrites(String nodeId) {
    banks.holdWrites();
  }

  @Override
  public void flushWrites(String nodeId) {
    banks.flushWrites();
  }

  /**
   * IMPORT-KEYS and IMPORTED are taken on the link's reader, ahead of what the node sent before
   * them and is still queued here: they only point answers at their new owner and wake the waiting
   * move, and nothing queued before them concerns the imported contexts, whose issuer requests the
   * old node sent. EXPORTING and EXPORTED keep their turn: the issuer requests the old node sent
   * before them must be seen, and their owner noted, before the contexts can be pointed elsewhere
   * (the new node's IMPORT-KEYS of a move told to import early wait for them, see {@link
   * #keysAfterExport}).
   */
  @Override
  public boolean takesAtOnce(String nodeId, Frame frame) {
    return frame instanceof Control control
        && ("IMPORT-KEYS".equals(control.verb()) || "IMPORTED".equals(control.verb()));
  }

  private void moveReply(NodeId node, Control control) {
    String move = String.valueOf(control.attribute("move"));
    if ("IMPORT-KEYS".equals(control.verb())) {
      // Whether or not the move still waits: these contexts are on that node now, and so must
      // their issuers' answers be (once the old node's export is seen, when the move says so).
      String keys = control.attribute("keys");
      if (keys != null && !keys.isEmpty()) {
        List<String> named = List.of(keys.split(","));
        boolean[] kept = new boolean[1];
        keysAwaitingExport.computeIfPresent(move, (id, waiting) -> {
          synchronized (waiting) {
            waiting.add(Map.entry(node, named));
          }
          kept[0] = true;
          return waiting;
        });
        if (!kept[0]) {
          reassignOwners(named, node);
        }
      }
      return;
    }
    if ("EXPORTING".equals(control.verb()) || "EXPORTED".equals(control.verb())) {
      applyKeptKeys(move); // the old node's requests before it have been seen
    }
    String key = move + "@" + node;
    MoveReply reply = moveReplies.get(key);
    if (reply == null || !reply.answeredBy(control.verb()) || !moveReplies.remove(key, reply)) {
      LOG.log(Level.INFO, "node {0} sent {1} for no move waiting for it", node, control);
      return;
    }
    reply.answeredAt = System.nanoTime();
    reply.done.complete(control);
  }

  private void fromAcquirer(BankMessage message) {
    Optional<NodeId> node;
    try {
      node = routes.apply(message.bankId());
    } catch (RuntimeException unreadable) {
      // The route table (a cluster cache) failed: nothing was taken yet, so the bank hears now.
      declinedNoNode.incrementAndGet();
      LOG.log(Level.ERROR, message.mti() + " STAN " + message.field(11) + " RRN " + message.field(37) + " from "
          + message.bankId() + ": its route could not be read, declined RC 91", unreadable);
      decline(message.bankId(), message.sessionId(), message.message());
      return;
    }
    // A DOWN node's banks move to the other node within moments when that one is UP (failover):
    // meanwhile its requests wait here, within their deadline, rather than being declined.
    if (node.isEmpty() || links.state(node.get()) == NodeState.DOWN && !anotherUp(node.get())) {
      declinedNoNode.incrementAndGet();
      LOG.log(Level.WARNING, "{0} STAN {1} RRN {2} from {3}: {4}, declined RC 91", message.mti(), message.field(11),
          message.field(37), message.bankId(),
          node.map(down -> "node " + down + " is DOWN, and no other node is UP").orElse("the bank has no route"));
      decline(message.bankId(), message.sessionId(), message.message());
      return;
    }
    long correlation = correlations.incrementAndGet();
    long deadline = message.receivedAt().toEpochMilli() + answerBudgetMillis;
    awaiting.put(correlation, new Awaiting(message.bankId(), message.sessionId(), message.message(), deadline, node.get()));
    Data data = new Data(correlation, message.bankId(), message.sessionId(), "", deadline, message.frame());
    if (sendUnlessHeld(node.get(), data, () -> heldBanks.containsKey(message.bankId()))) {
      forwarded.incrementAndGet();
    } else {
      // Its node stopped answering heartbeats (or its link just dropped) and is not declared DOWN
      // yet: the request waits here, within its deadline, for the node or for failover.
      heldRequests.add(data);
    }
  }

  private boolean anotherUp(NodeId node) {
    for (NodeId other : NodeId.values()) {
      if (other != node && links.state(other) == NodeState.UP) {
        return true;
      }
    }
    return false;
  }

  /** Requests held while their node was not UP go to where their bank's route points once it is. */
  private void releaseHeldRequests() {
    for (int left = heldRequests.size(); left > 0; left--) {
      Data held = heldRequests.poll();
      if (held == null) {
        return;
      }
      Awaiting request = awaiting.get(held.correlation());
      if (request == null) {
        continue; // declined at its deadline meanwhile
      }
      Optional<NodeId> node = routes.apply(held.bankId());
      if (node.isPresent() && !heldBanks.containsKey(held.bankId()) && links.state(node.get()) == NodeState.UP
          && awaiting.replace(held.correlation(), request, request.sentTo(node.get()))) {
        if (sendUnlessHeld(node.get(), held, () -> heldBanks.containsKey(held.bankId()))) {
          forwarded.incrementAndGet();
          continue;
        }
      }
      heldRequests.add(held);
    }
  }

  private void fromIssuer(BankMessage message) {
    Attempt attempt = give(message, null);
    if (!attempt.given()) {
      // Its node is not UP (it stopped answering, or died and failover has not pointed the issuer
      // elsewhere yet), or a move holds it, or a move pointed it elsewhere meanwhile: the answer
      // waits for the node, for the route to the one taking over, or for the move to say who owns
      // its context now (reassignOwners).
      parked.add(new Parked(message, attempt.owner(), clock.millis() + PARK_MILLIS));
    }
  }

  /** What {@link #give} did: whether the answer was given, the owner it went by, where it was to go. */
  private record Attempt(boolean given, NodeId owner, Optional<NodeId> to) {}

  /**
   * Gives an issuer answer to where its request's owner points now ({@code fallback} when the edge
   * knows no owner for it); that owner entry goes once the answer is given.
   */
  private Attempt give(BankMessage message, NodeId fallback) {
    String stan = message.field(11);
    String key = stan == null ? null : ownerKey(message.bankId(), stan);
    Owner owner = key == null ? null : owners.get(key);
    NodeId ownerNode = owner != null ? owner.node() : fallback;
    Optional<NodeId> node = destination(message, ownerNode);
    boolean given = node.isPresent() && deliver(message, node.get(), key, owner);
    if (given && owner != null) {
      owners.remove(key, owner);
    }
    return new Attempt(given, ownerNode, node);
  }

  /**
   * Where an issuer answer goes: the node that sent the request while that node lives (UP, or
   * SUSPECT: it may come back); once it is DOWN, nowhere until another node has been told to take
   * its contexts over, then the issuer's route, which failover points at that node. (The issuer's
   * route may point at the survivor already: it is the issuer's home node.)
   */
  private Optional<NodeId> destination(BankMessage answer, NodeId owner) {
    if (owner != null && links.state(owner) != NodeState.DOWN) {
      return Optional.of(owner);
    }
    if (owner != null && !takenOver.contains(owner)) {
      return Optional.empty();
    }
    return routes.apply(answer.bankId());
  }

  /**
   * Gives an issuer answer to {@code node}, chosen by {@code owner}, the entry its request had
   * under {@code key} when it was looked up: unless a move holds that node, or pointed the request
   * elsewhere since (checked under the node's send lock, as the hold is). Without the second check
   * an answer whose owner was read while a move held the old node, and which reached that lock
   * only after the move had pointed it at the new node and let go, went to the old node, which no
   * longer had its context, and the new node timed the authorization out.
   */
  private boolean deliver(BankMessage message, NodeId node, String key, Owner owner) {
    if (sendUnlessHeld(node, new Data(0, message.bankId(), message.sessionId(), "", 0, message.frame()),
        () -> heldNodes.containsKey(node) || key != null && owners.get(key) != owner)) {
      recentAnswers.addLast(new Delivered(node, forReplay(message), clock.millis()));
      return true;
    }
    return false;
  }

  /**
   * What an issuer answer kept for a replay needs: its frame as received (what goes to the node
   * again), and the fields the edge itself reads: 11 (its owner) and 37, 41 (whether its acquirer
   * still waits). The edge keeps every answer of the last seconds, thousands at switch rates, and
   * all their fields were most of what the collector had to copy at each cycle.
   */
  private static BankMessage forReplay(BankMessage answer) {
    IsoMessage.Builder kept = IsoMessage.builder(answer.mti(), REPLAY_FIELDS.length);
    for (int number : REPLAY_FIELDS) {
      String value = answer.field(number);
      if (value != null) {
        kept.set(number, value);
      }
    }
    return new BankMessage(answer.bankId(), answer.sessionId(), kept.build(), answer.frame(),
        answer.receivedAt(), answer.deadline());
  }

  /** Issuer answers parked while their node was not UP go on once a destination is. */
  private void releaseParked(long now) {
    for (int left = parked.size(); left > 0; left--) {
      Parked waiting = parked.poll();
      if (waiting == null) {
        return;
      }
      // A move may have pointed its request elsewhere while it waited: give goes by the owner now.
      Attempt attempt = give(waiting.message(), waiting.owner());
      if (attempt.given()) {
        continue;
      }
      Optional<NodeId> node = attempt.to();
      // A move holding the node ends within its own bounded time; the answer outwaits it.
      if (waiting.until() > now || node.isPresent() && heldNodes.containsKey(node.get())) {
        parked.add(waiting);
      } else {
        BankMessage message = waiting.message();
        issuerAnswersUnrouted.incrementAndGet();
        LOG.log(Level.WARNING, "{0} {1} from {2} could not reach {3} within {4} ms; its request times out on the node",
            message.mti(), message.field(11), message.bankId(), node.map(n -> "node " + n).orElse("any node"),
            Long.toString(PARK_MILLIS));
      }
    }
  }

  private void answerFromNode(NodeId node, Data data) {
    Awaiting request = awaiting.remove(data.correlation());
    if (request == null && declinedCorrelations.remove(data.correlation()) == null) {
      // Answered already (an issuer answer given again after a node died matched a context its
      // new owner took over): the acquirer has its answer, and nothing is to be undone.
      LOG.log(Level.INFO, "node {0} answered {1} for {2} a second time; dropped", node,
          Long.toString(data.correlation()), data.bankId());
      return;
    }
    if (request == null) {
      lateAnswersRefused.incrementAndGet();
      links.send(node, new Refused(data.correlation(), data.bankId(), data.key(),
          "the request was declined by the edge at its deadline already"));
      return;
    }
    try {
      banks.sendPacked(request.bankId(), request.sessionId(), data.iso());
      answered.incrementAndGet();
      long receivedAt = request.deadline() - answerBudgetMillis;
      answersByNode.computeIfAbsent(node, n -> new NodeAnswers()).add(clock.millis() - receivedAt);
    } catch (BankConnectorException e) {
      LOG.log(Level.WARNING, "answer for {0} not written: {1}", request.bankId(), e.getMessage());
    }
  }

  private void requestFromNode(NodeId node, Data data) {
    String stan = stanOf(data.key());
    String key = stan.isEmpty() ? null : ownerKey(data.bankId(), stan);
    if (key != null) {
      owners.put(key, new Owner(node, clock.millis() + ownerRetentionMillis));
    }
    try {
      banks.sendPacked(data.bankId(), data.sessionId().isEmpty() ? null : data.sessionId(), data.iso());
    } catch (BankConnectorException e) {
      if (key != null) {
        owners.remove(key);
      }
      links.send(node, new Refused(0, data.bankId(), data.key(), e.getMessage()));
    }
  }

  private void decline(String bankId, String sessionId, IsoMessage request) {
    try {
      banks.send(bankId, sessionId, AuthorizationMessages.decline(request, ResponseCode.ISSUER_UNAVAILABLE));
    } catch (BankConnectorException | RuntimeException e) {
      LOG.log(Level.WARNING, "decline of {0} for {1} not written: {2}", request.mti(), bankId, e.getMessage());
    }
  }

  private static Control sessionControl(String bankId, String sessionId, SessionState state) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("bank", bankId);
    attributes.put("session", sessionId);
    attributes.put("state", state.name());
    return new Control("SESSION", attributes);
  }

  private static String stanOf(String key) {
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }

  /** What ties an issuer answer to its acquirer's request: retrieval reference and terminal (37, 41). */
  private static String reference(IsoMessage message) {
    return message.field(37) + "|" + message.field(41);
  }

  private static String ownerKey(String bankId, String stan) {
    return bankId + "|" + stan;
  }
}
