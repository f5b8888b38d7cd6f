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
 *
 * <p>A node keeps every context it finished in the window (two minutes of traffic), so each is kept
 * small: its flat text form ({@link InFlightAuthorization.Stored#toText()}, one string) and the
 * keys it is found by. The context is rebuilt only when a late answer or a reversal asks for it,
 * which is rare; a whole message per context kept the collector copying a heap of small objects.
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

  /** A kept context: its text form, how it ended and the keys that find it. */
  private record Entry(IssuerKey key, String stored, String originalSlot, Ending ending, long forgetAt) {
    InFlightAuthorization authorization() {
      return InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(stored));
    }

    Entry endedAs(Ending other) {
      return new Entry(key, stored, originalSlot, other, forgetAt);
    }
  }

  private final long retentionMillis;
  private final ConcurrentHashMap<IssuerKey, Entry> byIssuerKey = new ConcurrentHashMap<>();
  // Insertion order is (nearly) forgetAt order: callers' clocks move forward.
  private final Queue<Entry> byAge = new ConcurrentLinkedQueue<>();
  /**
   * Originals (0100/0200) by acquirer and acquirer STAN, for reversals. Lists are tiny (a STAN
   * repeats only after a wrap) and replaced whole inside {@code compute}.
   */
  private final ConcurrentHashMap<String, List<Entry>> originals = new ConcurrentHashMap<>();

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
    String slot = authorization.isReversal() ? null : slot(authorization.acquirerId(), authorization.request().field(11));
    Entry entry = new Entry(authorization.issuerKey(), authorization.toStored().toText(), slot, ending,
        nowMillis + retentionMillis);
    Entry replaced = byIssuerKey.put(entry.key(), entry);
    if (replaced != null) {
      unindex(replaced);
    }
    if (slot != null) {
      originals.compute(slot, (key, list) -> {
        if (list == null) {
          return List.of(entry);
        }
        List<Entry> grown = new ArrayList<>(list);
        grown.add(entry);
        return List.copyOf(grown);
      });
    }
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
    if (entry == null || entry.ending() != expected) {
      return Optional.empty();
    }
    Entry late = entry.endedAs(Ending.ANSWERED_LATE);
    if (!byIssuerKey.replace(key, entry, late)) {
      return Optional.empty();
    }
    return Optional.of(late.authorization());
  }

  /** The finished original (0100/0200) of {@code acquirerId} that a reversal references. */
  public Optional<InFlightAuthorization> findOriginal(
      String acquirerId, OriginalReference reference, long nowMillis) {
    forgetOld(nowMillis);
    List<Entry> candidates = originals.get(slot(acquirerId, reference.stan()));
    if (candidates == null) {
      return Optional.empty();
    }
    for (int i = candidates.size() - 1; i >= 0; i--) {
      InFlightAuthorization original = candidates.get(i).authorization();
      if (reference.matches(original.request())) {
        return Optional.of(original);
      }
    }
    return Optional.empty();
  }

  /** Takes every finished context in which {@code bankId} takes part, for a switchover. */
  public List<Finished> export(String bankId) {
    List<Finished> exported = new ArrayList<>();
    for (Entry entry : byIssuerKey.values()) {
      InFlightAuthorization authorization = entry.authorization();
      if (authorization.involves(bankId) && byIssuerKey.remove(entry.key(), entry)) {
        unindex(entry);
        exported.add(new Finished(authorization, entry.ending()));
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
      // The entry may since have been marked answered late (same text, new entry); it is
      // forgotten all the same. One remembered again since is not.
      Entry current = byIssuerKey.get(oldest.key());
      if (current != null && current.stored() == oldest.stored() && byIssuerKey.remove(oldest.key(), current)) {
        unindex(current);
      }
    }
  }

  private void unindex(Entry entry) {
    if (entry.originalSlot() == null) {
      return;
    }
    originals.computeIfPresent(entry.originalSlot(), (slot, list) -> {
      List<Entry> rest = new ArrayList<>(list);
      rest.removeIf(kept -> kept.stored() == entry.stored());
      return rest.isEmpty() ? null : List.copyOf(rest);
    });
  }

  private static String slot(String acquirerId, String stan) {
    return acquirerId + "|" + stan;
  }
}
