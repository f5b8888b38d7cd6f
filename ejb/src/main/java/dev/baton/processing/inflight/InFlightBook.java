package dev.baton.processing.inflight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The requests this node has sent to issuers and not yet finished. Thread-safe.
 *
 * <p>Every way out of the book (an answer, a timeout, a removal, an export) goes through one atomic
 * removal, so a context leaves exactly once: an issuer answer racing its timeout yields either the
 * answer or RC 91 to the acquirer, never both. That is what keeps "one answer per request" true.
 */
public final class InFlightBook {

  private record StanSlot(String issuerId, String stan) {}

  // Deadline order, with the key to tell equal deadlines apart, so a sweep reads only the expired.
  private record Timer(long deadline, IssuerKey key) {}

  private static final Comparator<Timer> TIMER_ORDER =
      Comparator.comparingLong(Timer::deadline)
          .thenComparing(Timer::key, Comparator.nullsFirst(IssuerKey.ORDER));

  // Keyed by issuer and STAN only: the STAN is unique per issuer among pending requests, which
  // also makes "is this STAN in flight" one lookup for the allocator.
  private final ConcurrentHashMap<StanSlot, InFlightAuthorization> pending =
      new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Timer> timers = new ConcurrentSkipListSet<>(TIMER_ORDER);
  private final AcquirerIndex originals = new AcquirerIndex();

  /**
   * Told of every context that enters the book and of every one that leaves it, after the fact
   * and outside the book's locks: how a node copies its contexts to the cluster, so that the other
   * node can take them over if this one dies.
   */
  public interface Replica {
    /** Replicates nothing. */
    Replica NONE =
        new Replica() {
          @Override
          public void entered(InFlightAuthorization authorization) {}

          @Override
          public void left(InFlightAuthorization authorization) {}
        };

    void entered(InFlightAuthorization authorization);

    void left(InFlightAuthorization authorization);
  }

  private volatile Replica replica = Replica.NONE;

  /** Where contexts are copied from now on ({@link Replica#NONE} to stop). */
  public void replicateTo(Replica replica) {
    this.replica = Objects.requireNonNull(replica, "replica");
  }

  /**
   * Records a request sent to an issuer.
   *
   * @throws IllegalStateException when the issuer already has a request with that STAN in flight
   */
  public void add(InFlightAuthorization authorization) {
    if (!tryAdd(authorization)) {
      throw new IllegalStateException(
          "issuer "
              + authorization.issuerId()
              + " has STAN "
              + authorization.issuerKey().stan()
              + " in flight already");
    }
  }

  /** Takes the context an issuer answer belongs to out of the book; empty when none matches. */
  public Optional<InFlightAuthorization> match(IssuerKey key) {
    InFlightAuthorization authorization = pending.get(slotOf(key));
    if (authorization == null || !authorization.issuerKey().equals(key)) {
      return Optional.empty();
    }
    return claim(authorization) ? Optional.of(authorization) : Optional.empty();
  }

  /** Takes the contexts whose deadline is at or before {@code nowMillis}, earliest first. */
  public List<InFlightAuthorization> expire(long nowMillis) {
    List<InFlightAuthorization> expired = new ArrayList<>();
    for (Timer timer : timers.headSet(new Timer(nowMillis + 1, null))) {
      InFlightAuthorization authorization = pending.get(slotOf(timer.key()));
      // A timer whose context is not visible yet belongs to an add still in progress; it stays
      // for the next sweep. Claims remove their own timers, so none is left behind.
      if (authorization != null
          && authorization.deadlineMillis() == timer.deadline()
          && authorization.issuerKey().equals(timer.key())
          && claim(authorization)) {
        expired.add(authorization);
      }
    }
    return expired;
  }

  /** Takes one context out without an answer, e.g. when the issuer request could not be sent. */
  public Optional<InFlightAuthorization> remove(IssuerKey key) {
    return match(key);
  }

  /** Whether {@code stan} is in flight towards {@code issuerId}; the STAN allocator asks this. */
  public boolean holdsIssuerStan(String issuerId, String stan) {
    return pending.containsKey(new StanSlot(issuerId, stan));
  }

  /** The pending original (0100/0200) of {@code acquirerId} that a reversal references. */
  public Optional<InFlightAuthorization> findOriginal(
      String acquirerId, OriginalReference reference) {
    return originals.find(acquirerId, reference);
  }

  /**
   * Takes every context in which {@code bankId} is acquirer or issuer out of the book, oldest
   * first, for the node taking the bank over. Until they are imported there, nobody holds them.
   */
  public List<InFlightAuthorization> export(String bankId) {
    List<InFlightAuthorization> exported = new ArrayList<>();
    for (InFlightAuthorization authorization : pending.values()) {
      if (authorization.involves(bankId) && claim(authorization)) {
        exported.add(authorization);
      }
    }
    exported.sort(Comparator.comparingLong(InFlightAuthorization::createdAtMillis));
    return exported;
  }

  /**
   * Adds contexts exported by another node, keeping their deadlines.
   *
   * @return the contexts that were not added because their issuer STAN is in flight here already
   *     (the caller still owes their acquirers an answer)
   */
  public List<InFlightAuthorization> importAll(Collection<InFlightAuthorization> authorizations) {
    List<InFlightAuthorization> refused = new ArrayList<>();
    for (InFlightAuthorization authorization : authorizations) {
      if (!tryAdd(authorization)) {
        refused.add(authorization);
      }
    }
    return refused;
  }

  /** Number of pending contexts. */
  public int size() {
    return pending.size();
  }

  // Adding and claiming update the timers and the index inside the map's per-slot lock, so the
  // three structures never disagree about a context, whatever races with what.
  private boolean tryAdd(InFlightAuthorization authorization) {
    boolean[] added = {false};
    pending.computeIfAbsent(
        slotOf(authorization.issuerKey()),
        slot -> {
          originals.add(authorization);
          timers.add(timerOf(authorization));
          added[0] = true;
          return authorization;
        });
    if (added[0]) {
      replica.entered(authorization);
    }
    return added[0];
  }

  private boolean claim(InFlightAuthorization authorization) {
    boolean[] claimed = {false};
    pending.computeIfPresent(
        slotOf(authorization.issuerKey()),
        (slot, current) -> {
          if (current != authorization) {
            return current;
          }
          timers.remove(timerOf(authorization));
          originals.remove(authorization);
          claimed[0] = true;
          return null;
        });
    if (claimed[0]) {
      replica.left(authorization);
    }
    return claimed[0];
  }

  private static StanSlot slotOf(IssuerKey key) {
    return new StanSlot(key.issuerId(), key.stan());
  }

  private static Timer timerOf(InFlightAuthorization authorization) {
    return new Timer(authorization.deadlineMillis(), authorization.issuerKey());
  }
}
