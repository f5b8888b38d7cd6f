package dev.baton.node;

import dev.baton.processing.inflight.InFlightAuthorization;
import dev.baton.processing.inflight.IssuerKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A node's in-flight contexts in the cluster (replication {@code sync}), written in batches: a
 * context that enters while fewer than {@link #WRITES} writes are on their way goes at once, in a
 * batch of its own; those that enter while that many are on their way wait for the first of them
 * to finish and then go together, in one write. Under load each cluster write carries many
 * contexts instead of one, and a context still waits for no more than one write before its own.
 * On busy processors writes also start a {@linkplain WriteSpacing spacing} apart, so that each
 * carries more: a context then waits for that too, a few milliseconds at most.
 *
 * <p>A batch is one cluster entry in a numbered slot, {@code ctx|<node>|<n>}, holding its contexts
 * {@linkplain MovedContexts joined}; slots are numbered up and never used twice, and {@code
 * ctx|<node>|top} says, as {@code <low>-<high>}, between which slots the node's batches lie (the
 * oldest batch not yet removed, and a bound raised ahead of use). A node taking over reads them by
 * key ({@link #ofNode}),
 * never by walking the cache. A batch is removed once every context in it has left this node
 * (answered, timed out, or moved away) and a little longer has passed: if the node dies before the
 * edge has read an answer it wrote, the node taking over finds the context and the issuer answer the
 * edge gives again matches it. A slot is written twice at most: with its batch, and then, once the
 * batch is done with, with a {@linkplain #DONE tombstone} that rides in the node's next write (one
 * cluster call for both instead of a write and a removal each). Every entry leaves the cluster by
 * itself {@link #LIFESPAN_MILLIS} after it was written. A slot is chosen among those whose key this
 * node is the first owner of (when the store can tell): its write is then applied here and sent
 * to the other owner only.
 *
 * <p>Thread-safe: contexts enter and leave on any thread; writes complete on the cluster's.
 */
final class ReplicaBatches {

  /**
   * Cluster writes on their way at once, at most: {@code -Dbaton.inflight.sync.writes=N} on the
   * nodes, 2 unless given (fewer writes carry more contexts each, at more waiting per context).
   * With writes spaced on busy processors, 2 cost a little less throughput in the switchover
   * benchmark than 4, within the spread of its runs: at 256 outstanding 10.7 to 16.9 % (14 % on
   * average) in seven runs, against 13.2 to 16.6 % (15 %) in four with 4, and 12.7 % in one
   * with 1 (README).
   */
  static final int WRITES = Math.max(1, Integer.getInteger("baton.inflight.sync.writes", 2));

  /** Runs a task once {@code nanos} have passed. */
  @FunctionalInterface
  interface Later {
    void run(Runnable task, long nanos);
  }

  /** How far {@code top} is set beyond the highest slot in use, so that it is written seldom. */
  private static final int TOP_STEP = 64;

  /** Slots read in one request when a node takes another's over. */
  private static final int READ_CHUNK = 512;

  /** What a slot holds once its batch is done with: no context, read as none. */
  static final String DONE = "-";

  /**
   * How long the cluster keeps a batch or a tombstone: far beyond any context's life (seconds), so
   * that only what a node could not remove (it died, or the cluster did not answer) is left to it.
   */
  static final long LIFESPAN_MILLIS = TimeUnit.MINUTES.toMillis(10);

  /** How long a tombstone waits for a write to ride in before it goes in a write of its own. */
  private static final long DONE_WAIT_MILLIS = 200;

  /** Slots tried for one this node is the first owner of, before any is taken. */
  private static final int OWNED_TRIES = 8;

  private final InFlightStore store;
  private final String node;
  /**
   * Where the writes and removals that follow a cluster answer are issued: a thread of the
   * application's, never the cluster's own answering thread, from which a write of the deployment's
   * cache was stored in a form that a reader on the other node did not find.
   */
  private final java.util.concurrent.Executor worker;
  private final long removalDelayMillis;
  private final Object lock = new Object();
  /** Contexts waiting for a write on its way to finish; null when none waits. */
  private Batch open;
  private int writing;
  /** When the last write started (System.nanoTime); the next starts {@link #spacing} after it. */
  private long lastWriteStarted = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  /** Whether the open batch's write is set to start once the spacing has passed. */
  private boolean writeSet;
  private final WriteSpacing spacing;
  private final Later later;
  /** The next slot to write. */
  private long next;
  /** Slots written and not yet removed: the lowest is where a reader starts. */
  private final java.util.TreeSet<Long> present = new java.util.TreeSet<>();
  /** The highest slot {@code top} in the cluster covers; -1 before the first write. */
  private long top = -1;
  /** The last write of {@code top}: the next one waits for it, so they cannot land out of order. */
  private CompletableFuture<?> topWritten = CompletableFuture.completedFuture(null);
  private final Map<IssuerKey, Batch> batchOf = new HashMap<>();
  private final Deque<Removal> removals = new ArrayDeque<>();
  /** Batches due to leave the cluster, waiting to ride in a write as tombstones. */
  private final List<Batch> done = new ArrayList<>();
  /** When the oldest of {@link #done} became due (clock millis). */
  private long doneSince;
  /** The clock at the last {@link #tick}. */
  private long lastTick;

  private static final class Batch {
    long slot = -1;
    List<String> texts = new ArrayList<>();
    int live;
    final CompletableFuture<Void> stored = new CompletableFuture<>();
    /** When its first context entered, and the sum of when each did (System.nanoTime). */
    long firstEntered;
    long enteredSum;
  }

  /** What the writes of a stretch of time cost, for the log line {@link #tick} writes. */
  private final Stretch stretch = new Stretch();

  private static final class Stretch {
    long since = System.nanoTime();
    long writes;
    long contexts;
    long writeNanos;
    long writeMaxNanos;
    long waitNanos;
    long waitMaxNanos;
    long handNanos;
    long handMaxNanos;
    long failed;

    void written(Batch batch, int contexts, long issued, long done, boolean ok) {
      writes++;
      this.contexts += contexts;
      writeNanos += done - issued;
      writeMaxNanos = Math.max(writeMaxNanos, done - issued);
      waitNanos += contexts * done - batch.enteredSum;
      waitMaxNanos = Math.max(waitMaxNanos, done - batch.firstEntered);
      failed += ok ? 0 : 1;
    }
  }

  /** How often the cost of the writes is logged, when there were any. */
  private static final long STRETCH_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final System.Logger LOG = System.getLogger(ReplicaBatches.class.getName());

  private record Removal(Batch batch, long at) {}

  /**
   * @param store the cluster's in-flight cache
   * @param node the node whose contexts these are
   * @param removalDelayMillis how long a batch stays once all its contexts have left
   * @param spacing how far apart writes start
   * @param later where a write set to start after the spacing waits (null: a timer that hands it to
   *     {@code worker})
   */
  ReplicaBatches(InFlightStore store, String node, long removalDelayMillis, java.util.concurrent.Executor worker,
      WriteSpacing spacing, Later later) {
    this.store = Objects.requireNonNull(store, "store");
    this.node = Objects.requireNonNull(node, "node");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.removalDelayMillis = removalDelayMillis;
    this.spacing = Objects.requireNonNull(spacing, "spacing");
    this.later = later != null
        ? later
        : (task, nanos) -> CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, worker).execute(task);
    // Written at once, not with the first context: a node that replicates always has its top in
    // the cluster, and one taking over that finds none knows the read, not the node, came up short.
    synchronized (lock) {
      top = TOP_STEP - 1;
      String reach = "0-" + top;
      topWritten = CompletableFuture.completedFuture(null)
          .thenComposeAsync(ignored -> store.put(topKey(node), reach).toCompletableFuture(), worker);
    }
  }

  /** The key of {@code node}'s batch in {@code slot}. */
  static String slotKey(String node, long slot) {
    return "ctx|" + node + "|" + slot;
  }

  /** The key of the entry saying how far {@code node}'s slots may reach. */
  static String topKey(String node) {
    return "ctx|" + node + "|top";
  }

  /**
   * A context entered the node's book: it goes to the cluster with the next write.
   *
   * @return done when the cluster holds it (exceptionally when the write failed)
   */
  CompletionStage<?> entered(InFlightAuthorization authorization) {
    String text = authorization.toStored().toText();
    long entered = System.nanoTime();
    Batch toWrite = null;
    Batch joined;
    synchronized (lock) {
      if (open == null) {
        open = new Batch();
        open.firstEntered = entered;
      }
      joined = open;
      joined.enteredSum += entered;
      joined.texts.add(text);
      joined.live++;
      batchOf.put(authorization.issuerKey(), joined);
      toWrite = nextToWrite(entered);
    }
    if (toWrite != null) {
      write(toWrite);
    }
    return joined.stored;
  }

  /**
   * The open batch, taken out, when a write may start now; null when it must wait: for a write
   * on its way to finish, or for the spacing since the last start to pass (its start is then set
   * for that moment). Call holding the lock.
   */
  private Batch nextToWrite(long now) {
    if (open == null || writing >= WRITES || writeSet) {
      return null;
    }
    long wait = lastWriteStarted + spacing.nanos() - now;
    if (wait > 0) {
      try {
        later.run(this::spacingPassed, wait);
        writeSet = true;
        return null;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The timer is shut (the node is stopping): the write starts now rather than never.
      }
    }
    return takeOpen(now);
  }

  /** The open batch, taken out to be written now. Call holding the lock. */
  private Batch takeOpen(long now) {
    writing++;
    lastWriteStarted = now;
    Batch taken = open;
    open = null;
    return taken;
  }

  /** The moment set for the open batch's write: it starts, unless writes on their way are at the most. */
  private void spacingPassed() {
    Batch toWrite = null;
    synchronized (lock) {
      writeSet = false;
      if (open != null && writing < WRITES) {
        toWrite = takeOpen(System.nanoTime());
      }
    }
    if (toWrite != null) {
      write(toWrite);
    }
  }

  /** A context left the node's book: its batch goes once none of its contexts is here any more. */
  void left(InFlightAuthorization authorization, long nowMillis) {
    synchronized (lock) {
      Batch batch = batchOf.remove(authorization.issuerKey());
      if (batch != null && --batch.live == 0) {
        removals.addLast(new Removal(batch, nowMillis + removalDelayMillis));
      }
    }
  }

  /**
   * Removes the batches that are due; call often. Every ten seconds with writes, logs what they
   * cost: contexts per write, how long a write took, how long a context waited for the cluster.
   */
  void tick(long nowMillis) {
    spacing.sample(nowMillis);
    List<Batch> due = List.of();
    synchronized (lock) {
      lastTick = nowMillis;
      long now = System.nanoTime();
      if (now - stretch.since >= STRETCH_NANOS) {
        if (stretch.writes > 0) {
          LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT, "node %s: in-flight replication, last %d s:"
              + " %d contexts in %d writes (%.1f a write%s); a write took %.1f ms on average, %.1f at most; a context"
              + " waited %.1f ms on average for the cluster, %.1f at most; the node's worker took up a written batch"
              + " %.2f ms after the cluster confirmed it on average, %.1f at most", node, (now - stretch.since) / 1_000_000_000L,
              stretch.contexts, stretch.writes, stretch.contexts / (double) stretch.writes,
              stretch.failed == 0 ? "" : ", " + stretch.failed + " failed", stretch.writeNanos / 1e6 / stretch.writes,
              stretch.writeMaxNanos / 1e6, stretch.waitNanos / 1e6 / stretch.contexts, stretch.waitMaxNanos / 1e6,
              stretch.handNanos / 1e6 / stretch.writes, stretch.handMaxNanos / 1e6));
        }
        stretch.since = now;
        stretch.writes = 0;
        stretch.contexts = 0;
        stretch.writeNanos = 0;
        stretch.writeMaxNanos = 0;
        stretch.waitNanos = 0;
        stretch.waitMaxNanos = 0;
        stretch.handNanos = 0;
        stretch.handMaxNanos = 0;
        stretch.failed = 0;
      }
      for (Removal removal = removals.peekFirst(); removal != null && removal.at() <= nowMillis;
          removal = removals.peekFirst()) {
        if (done.isEmpty()) {
          doneSince = nowMillis;
        }
        done.add(removals.pollFirst().batch());
      }
      // Under load a write is never far off and the tombstones ride in it; a quiet node, or a
      // backlog of them, writes them alone.
      if (!done.isEmpty() && (writing == 0 || nowMillis - doneSince >= DONE_WAIT_MILLIS)) {
        due = readyTombstones();
      }
    }
    if (!due.isEmpty()) {
      writeTombstones(due, Map.of());
    }
  }

  /** The batches of {@link #done} whose own write is over, taken out of it; call holding the lock. */
  private List<Batch> readyTombstones() {
    List<Batch> ready = new ArrayList<>();
    java.util.Iterator<Batch> waiting = done.iterator();
    while (waiting.hasNext()) {
      Batch batch = waiting.next();
      if (batch.stored.isDone()) {
        waiting.remove();
        if (batch.slot >= 0) {
          ready.add(batch);
        }
      }
    }
    return ready;
  }

  /**
   * Writes {@code entries} and a tombstone over each of {@code tombstones}' slots in one call;
   * frees those slots once it is done, or puts them back to ride in a later write when it failed.
   */
  private CompletableFuture<?> writeTombstones(List<Batch> tombstones, Map<String, String> entries) {
    Map<String, String> all = new LinkedHashMap<>(entries);
    tombstones.forEach(batch -> all.put(slotKey(node, batch.slot), DONE));
    CompletableFuture<?> written;
    try {
      written = store.putAll(all, LIFESPAN_MILLIS).toCompletableFuture();
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    if (!tombstones.isEmpty()) {
      written.whenComplete((ok, failure) -> {
        synchronized (lock) {
          if (failure == null) {
            tombstones.forEach(batch -> present.remove(batch.slot));
          } else {
            if (done.isEmpty()) {
              doneSince = lastTick;
            }
            done.addAll(tombstones);
          }
        }
      });
    }
    return written;
  }

  /** Replication stops: every batch this node wrote leaves the cluster, now or once written, and so does its top. */
  void close() {
    Set<Batch> all = new LinkedHashSet<>();
    CompletableFuture<?> lastTop;
    synchronized (lock) {
      all.addAll(batchOf.values());
      removals.forEach(removal -> all.add(removal.batch()));
      all.addAll(done);
      batchOf.clear();
      removals.clear();
      done.clear();
      lastTop = topWritten;
    }
    all.forEach(this::remove);
    lastTop.whenCompleteAsync((done, failure) -> store.remove(topKey(node)), worker);
  }

  /**
   * Removes a batch from the cluster once its write is over (so that the removal cannot overtake
   * it), and frees its slot once the removal is done (replication stops: no write follows to carry
   * a tombstone).
   */
  private void remove(Batch batch) {
    batch.stored.whenCompleteAsync((done, failure) -> {
      if (batch.slot < 0) {
        return;
      }
      CompletionStage<?> removed;
      try {
        removed = store.remove(slotKey(node, batch.slot));
      } catch (RuntimeException e) {
        removed = CompletableFuture.failedFuture(e);
      }
      removed.whenComplete((gone, problem) -> {
        synchronized (lock) {
          present.remove(batch.slot);
        }
      });
    }, worker);
  }

  private void write(Batch batch) {
    String value;
    CompletableFuture<?> topFirst;
    int contexts;
    List<Batch> tombstones;
    synchronized (lock) {
      contexts = batch.texts.size();
      value = MovedContexts.join(batch.texts);
      batch.texts = null; // in the cluster from now on; this node keeps only the count
      long slot = next++;
      for (int tries = 1; tries < OWNED_TRIES && !store.ownsFirst(slotKey(node, slot)); tries++) {
        slot = next++;
      }
      batch.slot = slot;
      present.add(batch.slot);
      tombstones = done.isEmpty() ? List.of() : readyTombstones();
      if (batch.slot > top) {
        top = (batch.slot / TOP_STEP + 1) * TOP_STEP - 1;
        String reach = present.first() + "-" + top;
        topWritten = topWritten.handle((done, failure) -> null)
            .thenComposeAsync(ignored -> store.put(topKey(node), reach).toCompletableFuture(), worker);
      }
      topFirst = topWritten;
    }
    CompletableFuture<?> put;
    long issued = System.nanoTime();
    try {
      put = CompletableFuture.allOf(topFirst, writeTombstones(tombstones, Map.of(slotKey(node, batch.slot), value)));
    } catch (RuntimeException e) {
      put = CompletableFuture.failedFuture(e);
    }
    long[] confirmed = new long[1];
    put.whenComplete((done, failure) -> {
      long now = System.nanoTime();
      confirmed[0] = now;
      synchronized (lock) {
        stretch.written(batch, contexts, issued, now, failure == null);
      }
    }).whenCompleteAsync((done, failure) -> {
      Batch following;
      synchronized (lock) {
        long handed = System.nanoTime() - confirmed[0];
        stretch.handNanos += handed;
        stretch.handMaxNanos = Math.max(stretch.handMaxNanos, handed);
        writing--;
        following = nextToWrite(System.nanoTime());
      }
      // The next batch goes first: completing this one sends its contexts' issuer requests, on
      // this thread, and the contexts waiting in the next one need not wait for that.
      if (following != null) {
        write(following);
      }
      if (failure == null) {
        // Its contexts' issuer requests leave now, on this thread: in one segment, not one each.
        dev.baton.link.LinkWrites.together(() -> batch.stored.complete(null));
      } else {
        batch.stored.completeExceptionally(failure);
      }
    }, worker);
  }

  /**
   * What a node left in the cluster: its batches' contexts by key, every key to remove after, and
   * whether its {@code top} was found at all (a replicating node always has one).
   */
  record Left(Map<String, List<String>> batches, List<String> keys, boolean found) {}

  /**
   * The contexts {@code node} left in the cluster, read by key from {@code store}; a damaged batch
   * is reported to {@code damaged} and skipped (its key is among those to remove all the same).
   */
  static Left ofNode(InFlightStore store, String node, BiConsumer<String, String> damaged) {
    String topText = store.getAll(Set.of(topKey(node))).get(topKey(node));
    if (topText == null) {
      return new Left(Map.of(), List.of(), false);
    }
    List<String> keys = new ArrayList<>();
    keys.add(topKey(node));
    long low;
    long reach;
    try {
      int dash = topText.indexOf('-');
      low = dash < 0 ? 0 : Long.parseLong(topText.substring(0, dash));
      reach = Long.parseLong(topText.substring(dash + 1));
    } catch (NumberFormatException e) {
      damaged.accept(topKey(node), "not a range of slots: " + topText);
      return new Left(Map.of(), keys, true);
    }
    Map<String, List<String>> batches = new LinkedHashMap<>();
    for (long from = low; from <= reach; from += READ_CHUNK) {
      Set<String> chunk = new LinkedHashSet<>();
      for (long slot = from; slot <= Math.min(reach, from + READ_CHUNK - 1); slot++) {
        chunk.add(slotKey(node, slot));
      }
      for (Map.Entry<String, String> entry : store.getAll(chunk).entrySet()) {
        keys.add(entry.getKey());
        if (DONE.equals(entry.getValue())) {
          continue;
        }
        try {
          batches.put(entry.getKey(), MovedContexts.split(entry.getValue()));
        } catch (IllegalArgumentException e) {
          damaged.accept(entry.getKey(), e.getMessage());
        }
      }
    }
    return new Left(batches, keys, true);
  }
}
