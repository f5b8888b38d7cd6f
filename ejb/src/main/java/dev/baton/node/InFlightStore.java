package dev.baton.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster's copy of the nodes' in-flight contexts (the distributed {@code inflight} cache on
 * the servers): a node's contexts in batches ({@link ReplicaBatches}, replication sync) and a
 * planned move's contexts in one entry, each as text. Everything is read by key: walking the cache
 * is never needed (and, through WildFly's value conversion, fails once the cache holds anything).
 */
public interface InFlightStore {

  /** A store that keeps nothing. */
  InFlightStore NONE =
      new InFlightStore() {
        @Override
        public CompletionStage<?> put(String key, String value) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> remove(String key) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<String> take(String key) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<String> claim(String key, String marker, long lifespanMillis) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> claimIf(String key, String expected, String marker, long lifespanMillis) {
          return CompletableFuture.completedFuture(false);
        }

        @Override
        public Map<String, String> getAll(Set<String> keys) {
          return Map.of();
        }
      };

  /** Writes an entry; done when both of its owners hold it. */
  CompletionStage<?> put(String key, String value);

  /**
   * Writes several entries in one call, each to leave the cluster by itself {@code lifespanMillis}
   * after it was written; done when both owners of each hold it.
   */
  default CompletionStage<?> putAll(Map<String, String> entries, long lifespanMillis) {
    return CompletableFuture.allOf(entries.entrySet().stream()
        .map(entry -> put(entry.getKey(), entry.getValue()).toCompletableFuture())
        .toArray(CompletableFuture[]::new));
  }

  /**
   * Whether this member is the first owner of {@code key} (true when the store cannot tell): a
   * write of it is then applied here and sent to the other owner, one call and no relay.
   */
  default boolean ownsFirst(String key) {
    return true;
  }

  /** Removes an entry; done when it is gone. */
  CompletionStage<?> remove(String key);

  /**
   * Removes an entry; done with what it held, or null when it was gone already: of several
   * members taking the same entry, exactly one gets it (how a handed-over context gets one owner).
   */
  CompletionStage<String> take(String key);

  /**
   * Writes an entry unless the key holds one already; done with what it held (null: written),
   * when both of its owners hold it.
   */
  default CompletionStage<String> putIfAbsent(String key, String value) {
    return put(key, value).thenApply(written -> null);
  }

  /**
   * Puts {@code marker} where {@code key} is, whatever it holds; done with what it held (null:
   * nothing). Of several members claiming the same entry, exactly one gets what was written before
   * (how a move's contexts get one owner); the others get the marker of the first, which says who
   * has them. The marker leaves the cluster by itself after {@code lifespanMillis}.
   */
  CompletionStage<String> claim(String key, String marker, long lifespanMillis);

  /**
   * Puts {@code marker} where {@code key} is if it holds {@code expected}; done with whether it
   * did. Decided where the key's first owner is (so still exactly one claimer); when that is this
   * member, the other owner hears of it without the claim waiting: one cluster call less.
   */
  CompletionStage<Boolean> claimIf(String key, String expected, String marker, long lifespanMillis);

  /** What {@code key} holds as this member sees it now, null when nothing; done without waiting for a lock. */
  default CompletionStage<String> peek(String key) {
    return CompletableFuture.completedFuture(getAll(Set.of(key)).get(key));
  }

  /** The entries of those of {@code keys} that are in the store. */
  Map<String, String> getAll(Set<String> keys);

  /**
   * Waits, at most {@code within}, until {@code node} is no longer a member of the cluster: until
   * then a read of an entry that member was the primary owner of can come back empty although the
   * entry is there.
   *
   * @return whether it has left
   */
  default boolean awaitLeft(String node, java.time.Duration within) {
    return true;
  }

  /** For the log: how reads of {@code key} fare in the ways the store can read it. */
  default String probe(String key) {
    return "";
  }

  /** What the store's cluster looks like now, for the log: its members and the like. */
  default String topology() {
    return "";
  }
}
