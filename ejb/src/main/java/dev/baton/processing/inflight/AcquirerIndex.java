package dev.baton.processing.inflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Originals (0100/0200) by acquirer and acquirer STAN, so that a reversal finds its original
 * without scanning every context. Lists are tiny (a STAN repeats only after a wrap) and replaced
 * whole inside {@code compute}, which keeps each slot consistent without a lock of our own.
 */
final class AcquirerIndex {

  private record Slot(String acquirerId, String stan) {}

  private final Map<Slot, List<InFlightAuthorization>> bySlot = new ConcurrentHashMap<>();

  void add(InFlightAuthorization authorization) {
    if (authorization.isReversal()) {
      return;
    }
    bySlot.compute(
        slotOf(authorization),
        (slot, list) -> {
          List<InFlightAuthorization> grown =
              list == null ? new ArrayList<>() : new ArrayList<>(list);
          grown.add(authorization);
          return List.copyOf(grown);
        });
  }

  void remove(InFlightAuthorization authorization) {
    if (authorization.isReversal()) {
      return;
    }
    bySlot.computeIfPresent(
        slotOf(authorization),
        (slot, list) -> {
          List<InFlightAuthorization> rest = new ArrayList<>(list);
          rest.removeIf(entry -> entry == authorization);
          return rest.isEmpty() ? null : List.copyOf(rest);
        });
  }

  /** The newest original of {@code acquirerId} that {@code reference} names. */
  Optional<InFlightAuthorization> find(String acquirerId, OriginalReference reference) {
    List<InFlightAuthorization> candidates = bySlot.get(new Slot(acquirerId, reference.stan()));
    if (candidates == null) {
      return Optional.empty();
    }
    for (int i = candidates.size() - 1; i >= 0; i--) {
      if (reference.matches(candidates.get(i).request())) {
        return Optional.of(candidates.get(i));
      }
    }
    return Optional.empty();
  }

  private static Slot slotOf(InFlightAuthorization authorization) {
    return new Slot(authorization.acquirerId(), authorization.request().field(11));
  }
}
