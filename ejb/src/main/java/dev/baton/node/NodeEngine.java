package dev.baton.node;

import dev.baton.connector.api.IsoMessage;
import dev.baton.link.Frame;
import dev.baton.link.Frame.Control;
import dev.baton.link.Frame.Data;
import dev.baton.link.Frame.Refused;
import dev.baton.processing.AuthorizationRouter;
import dev.baton.processing.Decision;
import dev.baton.processing.Decision.AdviseIssuer;
import dev.baton.processing.Decision.AnswerAcquirer;
import dev.baton.processing.Decision.Discard;
import dev.baton.processing.Decision.ForwardToIssuer;
import dev.baton.processing.DuplicateDetector;
import dev.baton.processing.ResponseCode;
import dev.baton.processing.correction.Direction;
import dev.baton.processing.inflight.FinishedAuthorizations;
import dev.baton.processing.inflight.InFlightBook;
import dev.baton.processing.inflight.InFlightAuthorization;
import dev.baton.processing.inflight.IssuerKey;
import dev.baton.processing.inflight.IssuerStan;
import dev.baton.processing.inflight.IssuerStans;
import dev.baton.routing.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jpos.iso.ISOException;

/**
 * One processing node's work: every DATA frame from the edge is unpacked with its bank's packager,
 * corrected, decided by the {@link AuthorizationRouter}, and what must be written to banks goes
 * back to the edge packed, as DATA frames. Deadlines are checked by {@link #tick()}. Thread-safe:
 * link readers and the ticker may call it at once.
 *
 * <p>Issuer-side STANs: node A numbers from 000001 to 499999 and node B from 500000 to 999999, so
 * a STAN names its node and the two never collide on one issuer's sessions.
 */
public final class NodeEngine {

  private static final Logger LOG = System.getLogger(NodeEngine.class.getName());
  private static final int STAN_SPLIT = 500_000;

  /** Where frames for the edge go; false when the link could not take it. */
  @FunctionalInterface
  public interface EdgeLink {
    boolean send(Frame frame);
  }

  /** How long things last on a node. */
  public record Timing(Duration issuerTimeout, Duration duplicateWindow, Duration finishedRetention) {
    public static Timing defaults() {
      return new Timing(Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(2));
    }
  }

  private final NodeId node;
  private final EdgeLink edge;
  private final Clock clock;
  private final AtomicReference<NodeConfiguration> configuration =
      new AtomicReference<>(NodeConfiguration.empty());
  private final SignedOnSessions sessions = new SignedOnSessions();
  private final InFlightBook book = new InFlightBook();
  private final AuthorizationRouter router;
  /** Approvals sent towards acquirers, until the edge could refuse them as too late. */
  private final SentApprovals approvalsSent = new SentApprovals();
  private final long approvalMemoryMillis;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong undeliverable = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong takenOver = new AtomicLong();
  private final LastAuthorizations lastAuthorizations = new LastAuthorizations();
  private volatile InFlightStore store = InFlightStore.NONE;
  private volatile boolean replicatesInFlight;
  /** Cluster writes of contexts whose issuer request waits for them (replication sync). */
  private final Map<IssuerKey, java.util.concurrent.CompletionStage<?>> replicating = new ConcurrentHashMap<>();
  /** Issuer requests waiting for their context's cluster write, done once the request is sent. */
  private final Map<IssuerKey, CompletableFuture<Void>> forwarding = new ConcurrentHashMap<>();
  private final AtomicLong unconfirmedForwards = new AtomicLong();
  /** Twenty lines a second of dropped messages, then a count. */
  private final DropLog drops;
  private volatile long nextUnconfirmedLog;
  /** The most an issuer request waits for its replica; negative: as long as the cluster takes. */
  private volatile long replicationWaitMillis = -1;
  /** How long a finished context stays in the cluster: longer than the edge's replay window (1 s). */
  private static final long REMOVAL_DELAY_MILLIS = 1_500;
  /** This node's contexts in the cluster (replication sync); null without replication. */
  private volatile ReplicaBatches batches;
  /** After a takeover, until when issuer requests do not wait for their replica at all. */
  private volatile long replicationWaitOffUntil;
  /** How long after a takeover the cluster may take to exclude the dead node (a view change). */
  private static final long REPLICATION_WAIT_OFF_MILLIS = 2_000;
  /** Where a move's export and import finish once the cluster has answered. */
  private volatile java.util.concurrent.Executor moveWorker = Runnable::run;
  private volatile WriteSpacing writeSpacing = WriteSpacing.NONE;
  private volatile ReplicaBatches.Later replicaTimer;
  /** Moves whose export failed here: their contexts stayed in this book. */
  private final java.util.Set<String> movesTakenBack = ConcurrentHashMap.newKeySet();
  /** Moves this node was told to import before their entry reached the cluster, still looked for. */
  private final java.util.Set<String> awaitedImports = ConcurrentHashMap.newKeySet();
  /** How often an awaited move's entry is looked for: a read of this member's own copy, no cluster call. */
  private static final long LOOK_AGAIN_NANOS = 250_000;
  /** How long the mark a claimed move's entry leaves in the cluster stays there. */
  private static final long MARKER_LIFESPAN_MILLIS = 600_000;
  /** How long a takeover waits for the cluster to exclude the dead node before it reads. */
  private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(3);
  /** How long a takeover reads again when the dead node's contexts are not found (replicating). */
  private static final Duration TOP_READ_RETRY = Duration.ofSeconds(1);
  private static final long TOP_READ_INTERVAL_NANOS = 20_000_000;
  /**
   * Where a takeover runs when it does not block the link ({@link #takeOverAside}); null: on the
   * thread that delivers the TAKEOVER, the link's traffic waiting behind it.
   */
  private volatile java.util.concurrent.Executor takeoverRunner;
  /** Where issuer answers set aside during a takeover go back to, behind the link's frames. */
  private volatile java.util.function.Consumer<Frame> redelivery;
  private final Object takeoverLock = new Object();
  /** Takeovers running aside now; guarded by {@link #takeoverLock}. */
  private volatile int takeoversRunning;
  /** Issuer answers that matched nothing while a takeover ran; guarded by {@link #takeoverLock}. */
  private final List<Data> setAside = new ArrayList<>();
  /** Candidate keys for a move's entry: the chance that none has the other node first is 2^-16. */
  private static final int MOVE_KEY_TRIES = 16;

  /** Keys per IMPORT-KEYS frame: about 20 bytes each, well inside a frame. */
  private static final int KEYS_PER_FRAME = 1_000;

  public NodeEngine(NodeId node, EdgeLink edge, Clock clock, Timing timing) {
    this.node = Objects.requireNonNull(node, "node");
    this.drops = new DropLog(20, line -> LOG.log(Level.INFO, "node {0}: {1}", node, line));
    this.edge = Objects.requireNonNull(edge, "edge link");
    this.clock = Objects.requireNonNull(clock, "clock");
    // The edge refuses an answer only after its own deadline, a little after the issuer timeout.
    this.approvalMemoryMillis = timing.issuerTimeout().toMillis() + 2_000;
    int first = node == NodeId.A ? IssuerStan.MIN : STAN_SPLIT;
    int last = node == NodeId.A ? STAN_SPLIT - 1 : IssuerStan.MAX;
    Predicate<String> issuerReachable = sessions::signedOn;
    this.router =
        new AuthorizationRouter(
            () -> configuration.get().bins(),
            issuerReachable,
            new DuplicateDetector(timing.duplicateWindow()),
            book,
            new FinishedAuthorizations(timing.finishedRetention()),
            new IssuerStans(issuer -> new IssuerStan(issuer, first, last, first)),
            timing.issuerTimeout());
  }

  /**
   * Where this node's in-flight contexts are copied to and taken over from. With {@code
   * replicate}, every context is written to {@code store} as it enters the book and removed as it
   * leaves (replication {@code sync}: a killed node's contexts survive in the cluster); without,
   * the store is only read, to take over another node's contexts.
   */
  public void inFlightStore(InFlightStore store, boolean replicate) {
    this.store = Objects.requireNonNull(store, "store");
    this.replicatesInFlight = replicate;
    ReplicaBatches before = batches;
    ReplicaBatches writing =
        replicate ? new ReplicaBatches(store, node.name(), REMOVAL_DELAY_MILLIS, moveWorker, writeSpacing, replicaTimer) : null;
    batches = writing;
    book.replicateTo(
        writing == null
            ? InFlightBook.Replica.NONE
            : new InFlightBook.Replica() {
              @Override
              public void entered(InFlightAuthorization authorization) {
                replicating.put(authorization.issuerKey(), writing.entered(authorization));
              }

              @Override
              public void left(InFlightAuthorization authorization) {
                // Kept a little longer: if this node dies before the edge has read its answer (a
                // killed process's unsent bytes are discarded), the survivor takes the context
                // over and the issuer answer the edge gives again finds it there.
                writing.left(authorization, clock.millis());
              }
            });
    if (before != null) {
      before.close();
    }
  }

  /**
   * Where takeovers run so that the link's traffic does not wait for them, and where the issuer
   * answers they made wait go back to (the link's delivery queue, so that they are handled on the
   * same thread as every other frame).
   */
  public void takeOverAside(java.util.concurrent.Executor runner, java.util.function.Consumer<Frame> redeliver) {
    this.takeoverRunner = Objects.requireNonNull(runner, "runner");
    this.redelivery = Objects.requireNonNull(redeliver, "redeliver");
  }

  /**
   * Takes over node {@code from}'s contexts on the takeover runner while this node's traffic goes
   * on: new requests are processed at once; an issuer answer that matches no context here is set
   * aside until the takeover has imported the dead node's contexts (it may be one of theirs, given
   * again by the edge), and then handled.
   */
  private void takeOverAside(NodeId from) {
    synchronized (takeoverLock) {
      takeoversRunning++;
    }
    // Until the cluster has excluded the dead node every write waits for it: requests leave
    // without waiting for their replica meanwhile.
    replicationWaitOffUntil = clock.millis() + REPLICATION_WAIT_OFF_MILLIS;
    takeoverRunner.execute(() -> {
      try {
        takeOver(from);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "node " + node + ": the takeover of node " + from + " failed", e);
      } finally {
        List<Data> again = List.of();
        synchronized (takeoverLock) {
          if (--takeoversRunning == 0) {
            again = List.copyOf(setAside);
            setAside.clear();
          }
        }
        if (!again.isEmpty()) {
          LOG.log(Level.INFO, "node {0}: {1} issuer answers set aside during the takeover of node {2} handled now",
              node, Integer.toString(again.size()), from);
        }
        again.forEach(redelivery);
      }
    });
  }

  /** Sets an issuer answer aside when a takeover runs and it matches nothing here (yet). */
  private boolean setAsideDuringTakeover(Data data, IsoMessage answer) {
    synchronized (takeoverLock) {
      if (takeoversRunning == 0 || book.holdsIssuerStan(data.bankId(), answer.field(11))) {
        return false;
      }
      setAside.add(data);
      return true;
    }
  }

  /**
   * Takes over the contexts node {@code from} left in the store (it died, and its banks moved
   * here): they join this node's book with their deadlines, and the issuers' answers to them,
   * which the edge now sends here, are answered here.
   *
   * @return how many were taken over
   */
  public int takeOver(NodeId from) {
    long started = System.nanoTime();
    List<InFlightAuthorization> orphans = new ArrayList<>();
    // Replicating, read once the cluster has excluded the dead node (about 0.2 s after a
    // kill): before, a read of an entry it was the primary owner of can come back empty. Without
    // replication nothing was written, and the survivor's traffic does not wait for the view.
    if (replicatesInFlight && !store.awaitLeft(from.name(), TAKEOVER_WAIT)) {
      LOG.log(Level.ERROR, "node {0}: node {1} is still a member of the cluster {2} ms after it was declared DOWN;"
          + " taking over what can be read now", node, from, Long.toString(TAKEOVER_WAIT.toMillis()));
    }
    long excluded = System.nanoTime();
    String topologyAtRead = store.topology();
    ReplicaBatches.Left left = readLeft(from);
    int reads = 1;
    // Replicating, the dead node had its top in the cluster from the moment it replicated too (the
    // setting is the cluster's): none found means this read came up short, and it is tried again.
    long readDeadline = excluded + TOP_READ_RETRY.toNanos();
    while (replicatesInFlight && !left.found() && System.nanoTime() - readDeadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(TOP_READ_INTERVAL_NANOS); // polling the cluster, with a deadline
      left = readLeft(from);
      reads++;
    }
    if (reads > 1) {
      LOG.log(left.found() ? Level.WARNING : Level.ERROR, "node {0}: the cluster {1} node {2}''s in-flight contexts"
          + " after {3} reads (the cluster at the first: {4}; now: {5}; {6})", node, left.found() ? "gave" : "never gave",
          from, Integer.toString(reads), topologyAtRead, store.topology(), store.probe(ReplicaBatches.topKey(from.name())));
    }
    long read = System.nanoTime();
    for (Map.Entry<String, List<String>> batch : left.batches().entrySet()) {
      for (String text : batch.getValue()) {
        try {
          orphans.add(InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(text)));
        } catch (IllegalArgumentException e) {
          LOG.log(Level.ERROR, "node {0}: an in-flight context in {1} of node {2} unreadable, not taken over: {3}",
              node, batch.getKey(), from, e.getMessage());
        }
      }
    }
    List<InFlightAuthorization> refused = book.importAll(orphans);
    // In this node's book now (and, replicating, in its own batches): the dead node's go, readable
    // or not, issued on the worker (a thousand removals cost the traffic waiting here 100 ms).
    List<String> gone = left.keys();
    moveWorker.execute(() -> gone.forEach(store::remove));
    // Their requests left for the issuer long ago: no forward waits for these writes.
    orphans.forEach(orphan -> replicating.remove(orphan.issuerKey()));
    for (InFlightAuthorization clash : refused) {
      LOG.log(Level.ERROR, "node {0}: {1} of node {2} clashes with a context here; its acquirer gets RC 91 from the edge",
          node, clash, from);
    }
    // None to take over (the other node stopped, or died idle) is no incident.
    LOG.log(orphans.isEmpty() ? Level.INFO : Level.WARNING,
        "node {0}: took over {1} in-flight authorizations of node {2} in {3} ms (the cluster excluded"
        + " it after {4} ms; {5} of its batches read in {6} ms)", node, orphans.size() - refused.size(), from,
        String.format("%.1f", (System.nanoTime() - started) / 1e6), String.format("%.1f", (excluded - started) / 1e6),
        Integer.toString(left.batches().size()), String.format("%.1f", (read - excluded) / 1e6));
    takenOver.addAndGet(orphans.size() - refused.size());
    // Until the cluster has excluded the dead node, every write waits for it: requests leave
    // without waiting for their replica meanwhile.
    replicationWaitOffUntil = clock.millis() + REPLICATION_WAIT_OFF_MILLIS;
    return orphans.size() - refused.size();
  }

  private ReplicaBatches.Left readLeft(NodeId from) {
    return ReplicaBatches.ofNode(store, from.name(),
        (key, problem) -> LOG.log(Level.ERROR, "node {0}: in-flight contexts {1} of node {2} unreadable, not taken"
            + " over: {3}", node, key, from, problem));
  }

  private static String storeKey(InFlightAuthorization authorization) {
    return authorization.issuerKey().issuerId() + "|" + authorization.issuerKey().stan();
  }

  /**
   * How far apart the cluster writes of this node's contexts start (replication sync); for the
   * next {@link #inFlightStore} with replication. Not spaced unless set.
   */
  public void writeSpacing(long boundMicros, java.util.function.DoubleSupplier busy) {
    this.writeSpacing = new WriteSpacing(boundMicros, busy);
  }

  /** How far apart the cluster writes of this node's contexts start, in words. */
  public String writeSpacing() {
    return writeSpacing.toString();
  }

  /** Where a write set to start after the spacing waits; a timer handing it to the move worker unless set. */
  void replicaTimer(ReplicaBatches.Later timer) {
    this.replicaTimer = timer;
  }

  /**
   * Where moves finish their work once the cluster has answered, and where the replica's writes
   * that follow a cluster answer are issued (the caller's thread by default): an application
   * thread, not the cluster's.
   */
  public void moveWorker(java.util.concurrent.Executor worker) {
    this.moveWorker = Objects.requireNonNull(worker, "worker");
  }

  /** The node this engine runs as. */
  public NodeId node() {
    return node;
  }

  /** Takes a new configuration; requests from now on use it. */
  public void configure(NodeConfiguration next) {
    configuration.set(Objects.requireNonNull(next, "configuration"));
  }

  /** Whether contexts are copied to the store as they enter and leave the book. */
  public boolean replicatesInFlight() {
    return replicatesInFlight;
  }

  /** In-flight authorizations this node took over from a node that died. */
  public long takenOver() {
    return takenOver.get();
  }

  /** The last answer sent to each terminal, waiting to be written for terminal management. */
  public LastAuthorizations lastAuthorizations() {
    return lastAuthorizations;
  }

  /** Requests in flight to issuers now. */
  public int inFlight() {
    return book.size();
  }

  /** Counters: frames received, frames sent, frames the edge link did not take, unreadable. */
  public long[] counters() {
    return new long[] {received.get(), sent.get(), undeliverable.get(), unreadable.get()};
  }

  /** The edge connected: it is about to report every session's state again. */
  public void edgeConnected() {
    sessions.clear();
  }

  /** A frame from the edge. */
  public void onFrame(Frame frame) {
    switch (frame) {
      case Data data -> onData(data);
      case Control control -> onControl(control);
      case Refused refused -> onRefused(refused);
      default -> LOG.log(Level.DEBUG, "node {0}: ignored {1}", node, frame);
    }
  }

  /** Answers RC 91 for every request whose issuer did not answer in time. */
  public void tick() {
    long now = clock.millis();
    drops.tick(now);
    ReplicaBatches writing = batches;
    if (writing != null) {
      writing.tick(now);
    }
    approvalsSent.forgetDue(now);
    for (AnswerAcquirer timeout : router.onDeadline(now)) {
      declined(timeout, "the issuer did not answer in time");
      execute(timeout, now);
    }
  }

  private void onControl(Control control) {
    if ("SESSION".equals(control.verb())) {
      sessions.update(
          control.attribute("bank"), control.attribute("session"), control.attribute("state"));
    } else if ("EXPORT".equals(control.verb())) {
      export(control);
    } else if ("IMPORT".equals(control.verb())) {
      importMoved(control);
    } else if ("TAKEOVER".equals(control.verb())) {
      NodeId from;
      try {
        from = NodeId.parse(control.attribute("from"));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.WARNING, "node {0}: TAKEOVER without a node to take over from: {1}", node, control);
        return;
      }
      if (takeoverRunner == null) { // set together with redelivery
        takeOver(from);
      } else {
        takeOverAside(from);
      }
    }
  }

  /**
   * A planned move takes a bank away from this node: its in-flight contexts (as acquirer or as
   * issuer) leave the book and are written to the cluster in one entry under the move's id.
   * EXPORTING says how many and where, in its turn on the link: after every issuer request of those
   * contexts (a request still waiting for its sync replica is sent first), so that the edge has
   * seen each of them before the node importing them tells it where their answers go. The node
   * told to import takes the entry as soon as the cluster has it, without waiting for this node to
   * hear that the write is done. Past the move's deadline (the edge gave up on it) nothing is
   * exported; when the cluster does not take the contexts in time, they come back into this book,
   * unless the other node took them meanwhile, and EXPORTED says FAILED.
   */
  private void export(Control control) {
    String move = control.attribute("move");
    String bank = control.attribute("bank");
    long deadline = deadlineOf(control);
    if (move == null || bank == null || clock.millis() >= deadline) {
      reply("EXPORTED", move, 0, "LATE");
      return;
    }
    // One bank, or several at once (a move of every bank): each context leaves once, counted
    // under the first of them it involves.
    List<InFlightAuthorization> leaving = new ArrayList<>();
    StringBuilder perBank = new StringBuilder();
    for (String one : bank.split(",")) {
      List<InFlightAuthorization> ofBank = book.export(one);
      leaving.addAll(ofBank);
      perBank.append(perBank.isEmpty() ? "" : ",").append(one).append('=').append(ofBank.size());
    }
    if (leaving.isEmpty()) {
      // Nothing to write (the cluster cannot carry an empty value either): the move need not wait.
      edge.send(new Control("EXPORTED", Map.of("move", move, "count", "0", "status", "OK", "banks", perBank.toString())));
      LOG.log(Level.INFO, "node {0}: move {1}: no in-flight authorizations of {2} to hand over", node, move, bank);
      return;
    }
    List<CompletableFuture<?>> forwards = new ArrayList<>();
    List<String> texts = new ArrayList<>(leaving.size());
    for (InFlightAuthorization authorization : leaving) {
      CompletableFuture<Void> sending = forwarding.get(authorization.issuerKey());
      if (sending != null) {
        forwards.add(sending);
      }
      texts.add(authorization.toStored().toText());
    }
    // One entry for the whole move: one cluster write here, one claim by the importing node,
    // which takes all of it or nothing (a claim returns the contexts to one claimer only).
    String key = moveKeyOwnedByTheOther(move);
    String joined = MovedContexts.join(texts);
    Control exporting = new Control("EXPORTING", Map.of("move", move, "count", Integer.toString(leaving.size()),
        "status", "OK", "banks", perBank.toString(), "key", key));
    if (forwards.isEmpty()) {
      edge.send(exporting); // in its turn, on the link's thread
      write(move, bank, key, joined, leaving, deadline);
    } else {
      CompletableFuture.allOf(forwards.toArray(CompletableFuture[]::new)).whenCompleteAsync((sent, failure) -> {
        edge.send(exporting); // after the requests that waited for their replica
        write(move, bank, key, joined, leaving, deadline);
      }, moveWorker);
    }
  }

  /** A move's contexts written to the cluster; taken back here when the cluster does not take them in time. */
  private void write(String move, String bank, String key, String joined, List<InFlightAuthorization> leaving,
      long deadline) {
    long asked = System.nanoTime();
    long[] confirmed = new long[1];
    // The cluster's answer is awaited off the link's thread: a member that is slow to confirm
    // writes must not hold up this node's other banks.
    store.putIfAbsent(key, joined).toCompletableFuture()
        .whenComplete((before, failure) -> confirmed[0] = System.nanoTime())
        .orTimeout(Math.max(1, deadline - clock.millis()), TimeUnit.MILLISECONDS)
        .whenCompleteAsync((before, failure) -> {
          if (failure != null || before != null) {
            LOG.log(Level.WARNING, "node {0}: move {1} of {2}: the cluster did not take its {3} contexts in time ({4})",
                node, move, bank, Integer.toString(leaving.size()), failure != null ? failure.toString()
                    : "the move was given up here first");
            takeBack(move, key, leaving);
            return;
          }
          LOG.log(Level.INFO, "node {0}: move {1}: {2} in-flight authorizations of {3} handed to the cluster"
              + " (cluster {4})", node, move, Integer.toString(leaving.size()), bank, stepTimes(asked, confirmed[0]));
        }, moveWorker);
  }

  /**
   * A move whose entry the cluster did not confirm in time: this node claims the entry (what
   * reaches the cluster later finds the claim and is not written), and its contexts come back
   * into this book unless the other node had claimed them first.
   */
  private void takeBack(String move, String key, List<InFlightAuthorization> leaving) {
    movesTakenBack.add(move);
    store.claim(key, takenBy(node), MARKER_LIFESPAN_MILLIS).toCompletableFuture()
        .whenCompleteAsync((before, failure) -> {
          if (failure == null && isTakenMarker(before) && !takenBy(node).equals(before)) {
            LOG.log(Level.WARNING, "node {0}: move {1}: its {2} contexts were taken by the other node ({3})", node,
                move, Integer.toString(leaving.size()), before);
            reply("EXPORTED", move, 0, "FAILED");
            return;
          }
          // Written or not: nobody else has them, and an entry written late finds the claim.
          int back = leaving.size() - book.importAll(leaving).size();
          reply("EXPORTED", move, back, "FAILED");
        }, moveWorker);
  }

  /** What a node that took a move's contexts leaves in their entry's place. */
  static String takenBy(NodeId taker) {
    return "~taken by " + taker.name();
  }

  private static boolean isTakenMarker(String value) {
    return value != null && value.startsWith("~taken by ");
  }

  /**
   * A planned move brings a bank here (or, sent to the node that exported, takes a failed move's
   * contexts back): the move's entry is claimed (a context claimed here is nobody else's) and its
   * contexts join this book with their deadlines. An IMPORT that says {@code await} comes while
   * the old node is still writing: the entry is claimed as soon as this member sees it, until the
   * move's deadline. The edge hears which issuer requests are now answered here (IMPORT-KEYS, sent
   * whether or not the move still waits for this node) and then IMPORTED with the count, or with
   * {@code TAKEN} when the old node claimed the entry back first. Past the move's deadline nothing
   * is taken.
   */
  private void importMoved(Control control) {
    String move = control.attribute("move");
    if (move == null || clock.millis() >= deadlineOf(control)) {
      reply("IMPORTED", move, 0, "LATE");
      return;
    }
    if ("0".equals(control.attribute("count")) && !movesTakenBack.contains(move)) {
      // The old node exported nothing, and an export of nothing writes no entry: nothing to take,
      // and the move does not wait for a cluster operation (tens of ms under load) to learn so.
      boolean wasAwaited = awaitedImports.remove(move);
      LOG.log(Level.INFO, "node {0}: move {1}: imported 0 in-flight authorizations (none exported{2})", node, move,
          wasAwaited ? "; stopped looking for them" : "");
      reply("IMPORTED", move, 0, "OK");
      return;
    }
    if (movesTakenBack.remove(move)) {
      reply("IMPORTED", move, 0, "OK"); // this node kept them when its export failed
      return;
    }
    if ("true".equals(control.attribute("await"))) {
      awaitedImports.add(move);
      lookForMoved(move, importedKey(move, control), deadlineOf(control), System.nanoTime());
      return;
    }
    // Claimed whenever the cluster confirms, even after the move's deadline: a context claimed
    // here is this node's, and IMPORT-KEYS tells the edge so.
    long asked = System.nanoTime();
    long[] took = new long[1];
    store.claim(importedKey(move, control), takenBy(node), MARKER_LIFESPAN_MILLIS).toCompletableFuture()
        .whenComplete((taken, failure) -> took[0] = System.nanoTime())
        .whenCompleteAsync((taken, failure) -> {
          if (failure != null) {
            LOG.log(Level.ERROR, "node {0}: move {1}: its contexts could not be taken from the cluster: {2}", node,
                move, failure.toString());
          }
          imported(move, failure != null || isTakenMarker(taken) ? null : taken, stepTimes(asked, took[0]));
        }, moveWorker);
  }

  /**
   * Looks for an awaited move's entry until the deadline and claims it once it is there; gives up
   * when the old node claimed it back, when the move's deadline passes or when the edge says the
   * old node exported nothing.
   */
  private void lookForMoved(String move, String key, long deadline, long asked) {
    if (!awaitedImports.contains(move)) {
      return;
    }
    if (clock.millis() >= deadline) {
      if (awaitedImports.remove(move)) {
        LOG.log(Level.WARNING, "node {0}: move {1}: its contexts did not reach the cluster by the move''s deadline",
            node, move);
        reply("IMPORTED", move, 0, "LATE");
      }
      return;
    }
    store.peek(key).whenComplete((seen, failure) -> {
      if (failure == null && isTakenMarker(seen)) {
        if (awaitedImports.remove(move)) {
          LOG.log(Level.INFO, "node {0}: move {1}: its contexts were claimed back ({2}); none imported", node, move, seen);
          reply("IMPORTED", move, 0, "TAKEN");
        }
      } else if (failure == null && seen != null) {
        long seenAt = System.nanoTime();
        store.claimIf(key, seen, takenBy(node), MARKER_LIFESPAN_MILLIS).whenCompleteAsync((claimed, refused) -> {
          if (refused == null && Boolean.TRUE.equals(claimed) && awaitedImports.remove(move)) {
            imported(move, seen, String.format(Locale.ROOT, "seen %.1f ms after the IMPORT, claimed %.1f ms later",
                (seenAt - asked) / 1e6, (System.nanoTime() - seenAt) / 1e6));
          } else {
            later(() -> lookForMoved(move, key, deadline, asked)); // claimed by the other node: seen next time
          }
        }, moveWorker);
      } else {
        later(() -> lookForMoved(move, key, deadline, asked));
      }
    });
  }

  private void later(Runnable task) {
    ReplicaBatches.Later timer = replicaTimer;
    if (timer != null) {
      timer.run(task, LOOK_AGAIN_NANOS);
    } else {
      CompletableFuture.delayedExecutor(LOOK_AGAIN_NANOS, TimeUnit.NANOSECONDS, moveWorker).execute(task);
    }
  }

  /** How long a step of the cluster took, and how long its answer then waited for the move worker. */
  private static String stepTimes(long asked, long answered) {
    long now = System.nanoTime();
    return String.format(Locale.ROOT, "%.1f ms, then %.1f ms", (answered - asked) / 1e6, (now - answered) / 1e6);
  }

  /** Takes the contexts of {@code taken} (a move's entry; null when there was none to take) into this book. */
  private void imported(String move, String taken, String times) {
    List<InFlightAuthorization> arriving = new ArrayList<>();
    List<String> texts;
    try {
      texts = taken == null ? List.of() : MovedContexts.split(taken);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, "node {0}: move {1}: its contexts are unreadable, none imported: {2}", node, move, e.getMessage());
      texts = List.of();
    }
    for (String text : texts) {
      try {
        arriving.add(InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(text)));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.ERROR, "node {0}: move {1}: a context unreadable, not imported: {2}", node, move, e.getMessage());
      }
    }
    List<InFlightAuthorization> refused = book.importAll(arriving);
    // Their requests left for the issuer on the other node: no forward waits for these writes.
    arriving.forEach(moved -> replicating.remove(moved.issuerKey()));
    for (InFlightAuthorization clash : refused) {
      LOG.log(Level.ERROR, "node {0}: moved {1} clashes with a context here; its acquirer gets RC 91 from the edge",
          node, clash);
    }
    List<String> keys = arriving.stream().filter(moved -> !refused.contains(moved)).map(NodeEngine::storeKey).toList();
    for (int from = 0; from < keys.size(); from += KEYS_PER_FRAME) {
      edge.send(new Control("IMPORT-KEYS", Map.of(
          "move", move, "keys", String.join(",", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_FRAME))))));
    }
    reply("IMPORTED", move, keys.size(), "OK"); // before the log, as EXPORTING
    LOG.log(Level.INFO, "node {0}: move {1}: imported {2} in-flight authorizations (cluster {3})", node, move,
        Integer.toString(keys.size()), times);
  }

  private void reply(String verb, String move, int count, String status) {
    edge.send(new Control(verb, Map.of("move", String.valueOf(move), "count", Integer.toString(count), "status", status)));
  }

  private static long deadlineOf(Control control) {
    try {
      return Long.parseLong(String.valueOf(control.attribute("deadline")));
    } catch (NumberFormatException e) {
      return 0; // no deadline: too late by definition
    }
  }

  /**
   * Whether the link hands {@code frame} over at once, ahead of the frames queued before it: an
   * IMPORT. Claiming a move's entry does not block (the claim completes later, off the link's
   * thread), and nothing queued before it can concern its contexts (the edge holds
   * the moved banks' requests and the answers to their contexts until the import says where they
   * go), so the move does not wait behind the traffic that piled up on this node.
   */
  static boolean takesAtOnce(Frame frame) {
    return frame instanceof Control control && "IMPORT".equals(control.verb());
  }

  /** Where a move's contexts wait in the cluster, all in one entry (see {@link #moveKeyOwnedByTheOther}). */
  private static String moveKey(String move) {
    return "move|" + move;
  }

  /**
   * The key a move's contexts are written under: {@code move|<id>}, or {@code move|<id>|<n>} for
   * the first {@code n} that makes the other node its first owner. The importing node then claims
   * the entry where the claim is decided, without waiting for a cluster call (the write costs the
   * same wherever its first owner is); when the store cannot tell, the plain key.
   */
  private String moveKeyOwnedByTheOther(String move) {
    return firstMoveKey(move, false);
  }

  /** The first of a move's keys that this member is ({@code here}) or is not the first owner of; else the plain one. */
  private String firstMoveKey(String move, boolean here) {
    for (int n = 0; n < MOVE_KEY_TRIES; n++) {
      String key = n == 0 ? moveKey(move) : moveKey(move) + "|" + n;
      if (store.ownsFirst(key) == here) {
        return key;
      }
    }
    return moveKey(move);
  }

  /**
   * The key EXPORTING named (passed on in IMPORT), if it is one of this move's. Without one: the
   * key the exporting node writes to, the first that makes the other node its first owner (so,
   * on the importing node, the first this node owns first).
   */
  private String importedKey(String move, Control control) {
    String key = control.attribute("key");
    if (key != null && (key.equals(moveKey(move)) || key.startsWith(moveKey(move) + "|"))) {
      return key;
    }
    return firstMoveKey(move, !node.name().equals(control.attribute("from")));
  }

  private void onRefused(Refused refused) {
    long now = clock.millis();
    LOG.log(
        Level.INFO,
        "node {0}: the edge could not deliver to {1}: {2}",
        node,
        refused.bankId(),
        refused.reason());
    if (refused.correlation() != 0) {
      approvalsSent.take(refused.correlation(), now).ifPresent(approval ->
          router.onAnswerRefused(approval.key(), approval.issuerAnswer(), now)
              .ifPresent(advice -> execute(advice, now)));
      return;
    }
    issuerKey(refused.bankId(), refused.key())
        .flatMap(key -> router.onIssuerSendFailed(key, now))
        .ifPresent(answer -> {
          declined(answer, "the edge could not send it to " + refused.bankId());
          execute(answer, now);
        });
  }

  private void onData(Data data) {
    received.incrementAndGet();
    NodeConfiguration config = configuration.get();
    Optional<BankProfile> profile = config.profileOf(data.bankId());
    if (profile.isEmpty()) {
      unreadable.incrementAndGet();
      LOG.log(Level.WARNING, "node {0}: a message from bank {1}, which is not configured, dropped", node, data.bankId());
      return;
    }
    IsoMessage message;
    try {
      message = unpack(profile.get(), data.iso());
    } catch (ISOException | RuntimeException e) {
      unreadable.incrementAndGet();
      LOG.log(Level.WARNING, "node {0}: a message from bank {1} does not unpack: {2}", node, data.bankId(), e.getMessage());
      return;
    }
    IsoMessage corrected = config.corrections().apply(data.bankId(), Direction.INBOUND, message);
    long now = clock.millis();
    if (corrected.isRequest()) {
      Decision decision = router.onAcquirerRequest(data.bankId(), data.sessionId(), corrected, now, data.correlation());
      if (decision instanceof AnswerAcquirer answer) {
        declined(answer, "at once");
      }
      execute(decision, now);
      return;
    }
    if (takeoversRunning > 0 && setAsideDuringTakeover(data, corrected)) {
      received.decrementAndGet(); // counted when it comes back
      return;
    }
    Decision decision = router.onIssuerAnswer(data.bankId(), corrected, now);
    if (decision instanceof AnswerAcquirer answer
        && answer.correlation() != 0
        && ResponseCode.isApproval(corrected.field(39))) {
      approvalsSent.add(answer.correlation(),
          new SentApprovals.Approval(IssuerKey.of(data.bankId(), corrected), corrected.mti(), corrected.field(38)),
          now + approvalMemoryMillis, now);
    }
    execute(decision, now);
  }

  private void execute(Decision decision, long now) {
    switch (decision) {
      case ForwardToIssuer forward -> {
        java.util.concurrent.CompletionStage<?> replicated = replicating.remove(forward.context().issuerKey());
        if (replicated == null) {
          forward(forward, now);
        } else {
          // The request leaves once the cluster holds its context, so that the node taking over
          // after a crash knows every request an issuer has; this thread goes on meanwhile.
          CompletableFuture<Void> sentToIssuer = new CompletableFuture<>();
          forwarding.put(forward.context().issuerKey(), sentToIssuer);
          // Right after a takeover not at all: the dead member holds every write until the cluster
          // has excluded it (about a second), and the survivor's traffic must not wait for that.
          long wait = now < replicationWaitOffUntil ? 0 : replicationWaitMillis;
          CompletableFuture<String> confirmed = new CompletableFuture<>();
          replicated.whenComplete((done, failure) -> confirmed.complete(failure == null ? null : failure.toString()));
          if (wait >= 0) {
            confirmed.completeOnTimeout(wait == 0 ? "a node was taken over just now" : "not confirmed within " + wait + " ms",
                wait, TimeUnit.MILLISECONDS);
          }
          confirmed.thenAccept(problem -> {
            try {
              if (problem != null) {
                unconfirmed(forward, problem);
              }
              forward(forward, clock.millis());
            } finally {
              forwarding.remove(forward.context().issuerKey(), sentToIssuer);
              sentToIssuer.complete(null);
            }
          });
        }
      }
      case AnswerAcquirer answer -> {
        // Undelivered, it is the edge's to answer at the request's deadline.
        if (toBank(answer.correlation(), answer.acquirerId(), answer.sessionId(), "", answer.answer())) {
          lastAuthorizations.answered(answer.answer(), now);
        }
      }
      case AdviseIssuer advice -> toBank(0, advice.issuerId(), "", "", advice.advice());
      case Discard discard -> drops.dropped(discard.reason(), now);
    }
  }

  /** One line for every request the node declines itself: which, with what, and why. */
  private void declined(AnswerAcquirer answer, String why) {
    IsoMessage message = answer.answer();
    LOG.log(Level.INFO, "node {0}: {1} {2} STAN {3} RRN {4} declined RC {5}: {6}", node, answer.acquirerId(),
        message.mti(), message.field(11), message.field(37), message.field(39), why);
  }

  /** A request sent before the cluster confirmed its context: counted, and logged once a second. */
  private void unconfirmed(ForwardToIssuer forward, String problem) {
    long count = unconfirmedForwards.incrementAndGet();
    long now = clock.millis();
    if (now >= nextUnconfirmedLog) {
      nextUnconfirmedLog = now + 1_000;
      LOG.log(Level.WARNING, "node {0}: {1} sent before the cluster confirmed its context ({2}); {3} so far", node,
          forward.context(), problem, Long.toString(count));
    }
  }

  /** Issuer requests sent before the cluster confirmed their context (replication sync). */
  public long unconfirmedForwards() {
    return unconfirmedForwards.get();
  }

  /**
   * How long an issuer request waits, at most, for the cluster to confirm its context (sync);
   * null: as long as the cluster takes (the default, which keeps the guarantee).
   */
  public void replicationWait(java.time.Duration wait) {
    this.replicationWaitMillis = wait == null ? -1 : Math.max(0, wait.toMillis());
  }

  private void forward(ForwardToIssuer forward, long now) {
    if (!toBank(0, forward.issuerId(), "", keyOf(forward.context().issuerKey()), forward.issuerRequest())) {
      router.onSendFailed(forward, now).ifPresent(answer -> {
        declined(answer, "its request to " + forward.issuerId() + " could not be sent");
        execute(answer, now);
      });
    }
  }

  private boolean toBank(long correlation, String bankId, String sessionId, String key, IsoMessage message) {
    NodeConfiguration config = configuration.get();
    Optional<BankProfile> profile = config.profileOf(bankId);
    if (profile.isEmpty()) {
      undeliverable.incrementAndGet();
      LOG.log(Level.WARNING, "node {0}: no packager for bank {1}, {2} not sent", node, bankId, message.mti());
      return false;
    }
    IsoMessage corrected = config.corrections().apply(bankId, Direction.OUTBOUND, message);
    byte[] packed;
    try {
      packed = profile.get().codec().pack(corrected);
    } catch (ISOException | RuntimeException e) {
      undeliverable.incrementAndGet();
      LOG.log(Level.WARNING, "node {0}: {1} for bank {2} does not pack: {3}", node, message.mti(), bankId, e.getMessage());
      return false;
    }
    boolean taken = edge.send(new Data(correlation, bankId, sessionId, key, 0, packed));
    if (taken) {
      sent.incrementAndGet();
    } else {
      undeliverable.incrementAndGet();
    }
    return taken;
  }

  private static IsoMessage unpack(BankProfile profile, byte[] frame) throws ISOException {
    if (frame.length < profile.headerLength()) {
      throw new ISOException("a frame of " + frame.length + " bytes is shorter than its " + profile.headerLength()
          + "-byte header");
    }
    return profile.codec().unpack(frame, profile.headerLength());
  }

  /** The DATA key of an issuer request: its STAN, RRN and terminal, separated by '|'. */
  static String keyOf(IssuerKey key) {
    return key.stan() + "|" + key.rrn() + "|" + key.terminalId();
  }

  static Optional<IssuerKey> issuerKey(String issuerId, String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 3 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IssuerKey(issuerId, parts[0], parts[1], parts[2]));
  }
}
