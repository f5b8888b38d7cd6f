package dev.baton.processing.inflight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Contexts that left the in-flight book, kept for a while. Two things arrive after a request is
 * done: an issuer's answer after the deadline (a late approval must be reversed, so the node needs
 * the original to build the 0420), and an acquirer's reversal of an authorization already answered
 * (it must go to the original's issuer). Memory is bounded by time: entries are forgotten after the
 * retention window. Thread-safe.
 */
public final class FinishedAuthorizations {

  /** How a context left the book. */
  public enum Ending {
    /** The issuer answered in time and the acquirer got that answer. */
    ANSWERED,
    /** The deadline passed and the acquirer got RC 91. */
    TIMED_OUT,
    /** Timed out, then the issuer's answer came after all and was dealt with. */
    ANSWERED_LATE
  }

  /** One finished context and how it ended. */
  public record Finished(InFlightAuthorization authorization, Ending ending) {}

  private record Entry(Finished finished, long forgetAt) {}

  private final long retentionMillis;
  private final ConcurrentHashMap<IssuerKey, Entry> byIssuerKey = new ConcurrentHashMap<>();
  // Insertion order is (nearly) forgetAt order: callers' clocks move forward.
  private final Queue<Entry> byAge = new ConcurrentLinkedQueue<>();
  private final AcquirerIndex originals = new AcquirerIndex();

  /** Keeps each finished context for {@code retention}, which must be positive. */
  public FinishedAuthorizations(Duration retention) {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("a retention window is positive, not " + retention);
    }
    this.retentionMillis = retention.toMillis();
  }

  /** Keeps {@code authorization}, which has just left the book with {@code ending}. */
  public void remember(InFlightAuthorization authorization, Ending ending, long nowMillis) {
    forgetOld(nowMillis);
    Entry entry = new Entry(new Finished(authorization, ending), nowMillis + retentionMillis);
    Entry replaced = byIssuerKey.put(authorization.issuerKey(), entry);
    if (replaced != null) {
      originals.remove(replaced.finished().authorization());
    }
    originals.add(authorization);
    byAge.add(entry);
  }

  /**
   * The timed-out context an issuer's late answer belongs to, once: it is marked answered late, so
   * a repeated late answer does not cause a second reversal.
   */
  public Optional<InFlightAuthorization> takeTimedOut(IssuerKey key, long nowMillis) {
    return take(key, Ending.TIMED_OUT, nowMillis);
  }

  /**
   * The answered context whose answer never reached the acquirer (the edge had declined it at its
   * deadline already), once: it is marked answered late, as a timed-out one is.
   */
  public Optional<InFlightAuthorization> takeAnswered(IssuerKey key, long nowMillis) {
    return take(key, Ending.ANSWERED, nowMillis);
  }

  private Optional<InFlightAuthorization> take(IssuerKey key, Ending expected, long nowMillis) {
    forgetOld(nowMillis);
    Entry entry = byIssuerKey.get(key);
    if (entry == null || entry.finished().ending() != expected) {
      return Optional.empty();
    }
    Finished late = new Finished(entry.finished().authorization(), Ending.ANSWERED_LATE);
    if (!byIssuerKey.replace(key, entry, new Entry(late, entry.forgetAt()))) {
      return Optional.empty();
    }
    return Optional.of(late.authorization());
  }

  /** The finished original (0100/0200) of {@code acquirerId} that a reversal references. */
  public Optional<InFlightAuthorization> findOriginal(
      String acquirerId, OriginalReference reference, long nowMillis) {
    forgetOld(nowMillis);
    return originals.find(acquirerId, reference);
  }

  /** Takes every finished context in which {@code bankId} takes part, for a switchover. */
  public List<Finished> export(String bankId) {
    List<Finished> exported = new ArrayList<>();
    for (Entry entry : byIssuerKey.values()) {
      InFlightAuthorization authorization = entry.finished().authorization();
      if (authorization.involves(bankId) && byIssuerKey.remove(authorization.issuerKey(), entry)) {
        originals.remove(authorization);
        exported.add(entry.finished());
      }
    }
    return exported;
  }

  /** Keeps contexts another node exported, for a full retention window from now. */
  public void importAll(Collection<Finished> finished, long nowMillis) {
    finished.forEach(f -> remember(f.authorization(), f.ending(), nowMillis));
  }

  /** Number of contexts kept. */
  public int size() {
    return byIssuerKey.size();
  }

  private void forgetOld(long nowMillis) {
    for (Entry oldest = byAge.peek();
        oldest != null && oldest.forgetAt() <= nowMillis;
        oldest = byAge.peek()) {
      if (!byAge.remove(oldest)) {
        continue;
      }
      InFlightAuthorization authorization = oldest.finished().authorization();
      // The entry may since have been marked answered late; it is forgotten all the same.
      Entry current = byIssuerKey.get(authorization.issuerKey());
      if (current != null
          && current.finished().authorization() == authorization
          && byIssuerKey.remove(authorization.issuerKey(), current)) {
        originals.remove(authorization);
      }
    }
  }
}
