package dev.baton.node;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster's copy of the nodes' in-flight contexts (the replicated {@code inflight} cache on
 * the servers): key issuer and issuer STAN, value the owning node and the context as text.
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
        public CompletionStage<?> putAll(Map<String, String> entries) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void remove(String key) {}

        @Override
        public CompletionStage<String> take(String key) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public Map<String, String> entries() {
          return Map.of();
        }
      };

  /** Writes an entry; done when every member of the cluster has it. */
  CompletionStage<?> put(String key, String value);

  /** Writes several entries in one command; done when every member of the cluster has them. */
  CompletionStage<?> putAll(Map<String, String> entries);

  /** Removes an entry, without waiting. */
  void remove(String key);

  /**
   * Removes an entry; done with what it held, or null when it was gone already: of several
   * members taking the same entry, exactly one gets it (how a handed-over context gets one owner).
   */
  CompletionStage<String> take(String key);

  /** Everything in the store now. */
  Map<String, String> entries();
}
