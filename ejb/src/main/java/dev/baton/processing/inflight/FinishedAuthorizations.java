package dev.baton.processing.inflight;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Contexts that left the in-flight book, kept for a while. Two things arrive after a request is
 * done: an issuer's answer after the deadline (a late approval must be reversed, so the node needs
 * the original to build the 0420), and an acquirer's reversal of an authorization already answered
 * (it must go to the original's issuer). Memory is bounded by time: entries are forgotten after the
 * retention window. Thread-safe.
 *
 * <p>A node keeps every context it finished in the window (two minutes of traffic), so they are
 * kept in a {@link RecordLog}: each as its flat text form ({@link InFlightAuthorization.Stored#toText()})
 * with how it ended, found by its issuer key or, for an original, by its acquirer and STAN. The
 * context is rebuilt only when a late answer or a reversal asks for it, which is rare.
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

  private static final int BY_ISSUER_KEY = 0;
  private static final int BY_ORIGINAL = 1;
  private static final Ending[] ENDINGS = Ending.values();

  private final long retentionMillis;
  private final RecordLog log = new RecordLog(2);

  /** Keeps each finished context for {@code retention}, which must be positive. */
  public FinishedAuthorizations(Duration retention) {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("a retention window is positive, not " + retention);
    }
    this.retentionMillis = retention.toMillis();
  }

  /** Keeps {@code authorization}, which has just left the book with {@code ending}. */
  public synchronized void remember(InFlightAuthorization authorization, Ending ending, long nowMillis) {
    log.expire(nowMillis);
    String key = keyText(authorization.issuerKey());
    // A context finished again under the same key replaces the one kept.
    log.find(BY_ISSUER_KEY, key, nowMillis).forEach(log::remove);
    String original = authorization.isReversal()
        ? null
        : originalSlot(authorization.acquirerId(), authorization.request().field(11));
    log.append(nowMillis + retentionMillis, new String[] {key, original},
        authorization.storedBytes(), (byte) ending.ordinal());
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

  private synchronized Optional<InFlightAuthorization> take(IssuerKey key, Ending expected, long nowMillis) {
    log.expire(nowMillis);
    List<Long> found = log.find(BY_ISSUER_KEY, keyText(key), nowMillis);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    long newest = found.get(found.size() - 1);
    if (ENDINGS[log.mark(newest)] != expected) {
      return Optional.empty();
    }
    log.setMark(newest, (byte) Ending.ANSWERED_LATE.ordinal());
    return Optional.of(authorization(newest));
  }

  /** The finished original (0100/0200) of {@code acquirerId} that a reversal references. */
  public synchronized Optional<InFlightAuthorization> findOriginal(
      String acquirerId, OriginalReference reference, long nowMillis) {
    log.expire(nowMillis);
    List<Long> candidates = log.find(BY_ORIGINAL, originalSlot(acquirerId, reference.stan()), nowMillis);
    for (int i = candidates.size() - 1; i >= 0; i--) {
      InFlightAuthorization original = authorization(candidates.get(i));
      if (reference.matches(original.request())) {
        return Optional.of(original);
      }
    }
    return Optional.empty();
  }

  /** Takes every finished context in which {@code bankId} takes part, for a switchover. */
  public synchronized List<Finished> export(String bankId, long nowMillis) {
    log.expire(nowMillis);
    List<Finished> exported = new ArrayList<>();
    for (long reference : log.references()) {
      if (!log.isLive(reference, nowMillis)) {
        continue;
      }
      InFlightAuthorization authorization = authorization(reference);
      if (authorization.involves(bankId)) {
        exported.add(new Finished(authorization, ENDINGS[log.mark(reference)]));
        log.remove(reference);
      }
    }
    return exported;
  }

  /** Keeps contexts another node exported, for a full retention window from now. */
  public void importAll(Collection<Finished> finished, long nowMillis) {
    finished.forEach(f -> remember(f.authorization(), f.ending(), nowMillis));
  }

  /** Number of contexts kept (some expired ones until the next call that forgets them). */
  public synchronized int size() {
    return log.size();
  }

  private InFlightAuthorization authorization(long reference) {
    String stored = new String(log.payload(reference), StandardCharsets.UTF_8);
    return InFlightAuthorization.fromStored(InFlightAuthorization.Stored.fromText(stored));
  }

  private static String keyText(IssuerKey key) {
    return LengthPrefixed.join(List.of(key.issuerId(), key.stan(), key.rrn(), key.terminalId()));
  }

  private static String originalSlot(String acquirerId, String stan) {
    return LengthPrefixed.join(java.util.Arrays.asList(acquirerId, stan));
  }
}
