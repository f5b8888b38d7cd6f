package dev.baton.node;

import java.util.Map;

/**
 * The cluster's copy of the nodes' in-flight contexts (the replicated {@code inflight} cache on
 * the servers): key issuer and issuer STAN, value the owning node and the context as text.
 */
public interface InFlightStore {

  /** A store that keeps nothing. */
  InFlightStore NONE =
      new InFlightStore() {
        @Override
        public void put(String key, String value) {}

        @Override
        public void remove(String key) {}

        @Override
        public Map<String, String> entries() {
          return Map.of();
        }
      };

  void put(String key, String value);

  void remove(String key);

  /** Everything in the store now. */
  Map<String, String> entries();
}
