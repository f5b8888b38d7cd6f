package dev.baton.simulator.message;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The text of the fields every simulated request carries, made without a formatter per request:
 * numbers zero-padded by hand, and the time fields (7, 12, 13) formatted once a second and shared
 * by every request of that second. The load generator runs on the machine it measures; each
 * microsecond it spends per request is one the switch under test does not get.
 */
public final class FieldText {

  private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss");
  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HHmmss");
  private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("MMdd");

  /** One second's fields 7, 12 and 13 (UTC). */
  public record Second(long epochSecond, String transmission, String localTime, String localDate) {

    static Second of(long epochSecond) {
      ZonedDateTime at = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
      return new Second(epochSecond, TRANSMISSION.format(at), LOCAL_TIME.format(at), LOCAL_DATE.format(at));
    }
  }

  /**
   * The time fields of the latest second asked for, replaced whole when the second turns; a thread
   * still in an older second formats its own. Thread-safe.
   */
  static final class Seconds {
    private volatile Second latest = Second.of(0);

    /** The time fields of {@code epochSecond}, formatted at most once while it is the latest. */
    Second at(long epochSecond) {
      Second seen = latest;
      if (seen.epochSecond() == epochSecond) {
        return seen;
      }
      Second fresh = Second.of(epochSecond);
      if (epochSecond > seen.epochSecond()) {
        latest = fresh;
      }
      return fresh;
    }
  }

  private static final Seconds SECONDS = new Seconds();

  private FieldText() {}

  /** The time fields of the current second. */
  public static Second now() {
    return SECONDS.at(System.currentTimeMillis() / 1000);
  }

  /**
   * {@code value} in decimal, zero-padded on the left to {@code width} digits.
   *
   * @throws IllegalArgumentException when {@code value} is negative or has more than {@code width}
   *     digits: a field would be cut or carry a sign
   */
  public static String zeroPadded(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative: " + value);
    }
    char[] digits = new char[width];
    long rest = value;
    for (int i = width - 1; i >= 0; i--) {
      digits[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    if (rest != 0) {
      throw new IllegalArgumentException(value + " has more than " + width + " digits");
    }
    return new String(digits);
  }
}
