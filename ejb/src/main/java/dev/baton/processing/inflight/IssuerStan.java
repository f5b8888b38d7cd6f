package dev.baton.processing.inflight;

import java.util.function.Predicate;

/**
 * The STAN (field 11) sequence towards one issuer bank. Acquirers' STANs collide across banks, so
 * every request to an issuer gets one of ours, unique among that issuer's requests still in flight:
 * the sequence wraps from the end of its range to the start and skips numbers in flight.
 *
 * <p>The range is 000001..999999 unless narrowed, which lets two nodes that both send to the same
 * issuer draw from disjoint halves. The next value is exported and imported on a switchover, so the
 * node taking over does not reuse numbers the issuer has just seen.
 */
public final class IssuerStan {

  public static final int MIN = 1;
  public static final int MAX = 999_999;

  private final String issuerId;
  private final int first;
  private final int last;
  private int next;

  /** The full range, starting at 000001. */
  public IssuerStan(String issuerId) {
    this(issuerId, MIN, MAX, MIN);
  }

  /**
   * A sequence over {@code first..last} (inclusive) that hands out {@code next} first.
   *
   * @throws IllegalArgumentException when the range is not within 1..999999 or next is outside it
   */
  public IssuerStan(String issuerId, int first, int last, int next) {
    if (issuerId == null || issuerId.isBlank()) {
      throw new IllegalArgumentException("an issuer STAN sequence needs its issuer bank");
    }
    if (first < MIN || last > MAX || first > last) {
      throw new IllegalArgumentException(
          "an issuer STAN range lies within 1..999999 with first <= last, not "
              + first
              + ".."
              + last);
    }
    this.issuerId = issuerId;
    this.first = first;
    this.last = last;
    this.next = checkInRange(next);
  }

  public String issuerId() {
    return issuerId;
  }

  /**
   * The next STAN, six digits, that {@code inFlight} does not report as in use.
   *
   * @throws IllegalStateException when every number of the range is in flight
   */
  public synchronized String allocate(Predicate<String> inFlight) {
    int size = last - first + 1;
    for (int tried = 0; tried < size; tried++) {
      String stan = format(next);
      next = next == last ? first : next + 1;
      if (!inFlight.test(stan)) {
        return stan;
      }
    }
    throw new IllegalStateException(
        "all " + size + " STANs towards " + issuerId + " are in flight; no STAN is free");
  }

  /** The value {@link #allocate} would try next, for handing over to another node. */
  public synchronized int exportNext() {
    return next;
  }

  /** Continues from a value another node exported. */
  public synchronized void importNext(int value) {
    next = checkInRange(value);
  }

  /** Six digits with leading zeros, as field 11 is sent. */
  public static String format(int stan) {
    if (stan < 0 || stan > MAX) {
      throw new IllegalArgumentException("a STAN has six digits, not " + stan);
    }
    // By hand: String.format parsed its pattern for every issuer request (4 % of a node's time).
    char[] digits = new char[6];
    for (int i = 5, rest = stan; i >= 0; i--, rest /= 10) {
      digits[i] = (char) ('0' + rest % 10);
    }
    return new String(digits);
  }

  private int checkInRange(int value) {
    if (value < first || value > last) {
      throw new IllegalArgumentException(
          "STAN " + value + " for " + issuerId + " is outside its range " + first + ".." + last);
    }
    return value;
  }
}
