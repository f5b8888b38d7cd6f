package dev.baton.processing.inflight;

import dev.baton.connector.api.IsoMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * How a reversal names the authorization it reverses: by field 90 (original MTI, STAN and
 * transmission date and time) when it carries one, otherwise by its own 11, 37 and 41, which then
 * repeat the original's. Only the acquirer's own requests are searched, so the acquirer is implied.
 *
 * @param mti the original's MTI, or null when referenced by 11+37+41
 * @param stan the original's field 11
 * @param transmissionDateTime the original's field 7, or null when referenced by 11+37+41
 * @param rrn the original's field 37, or null when referenced by field 90
 * @param terminalId the original's field 41, or null when referenced by field 90
 */
public record OriginalReference(
    String mti, String stan, String transmissionDateTime, String rrn, String terminalId) {

  private static final String NO_DATE_TIME = "0000000000";

  public OriginalReference {
    Objects.requireNonNull(stan, "the original's STAN");
  }

  /** The reference a reversal carries; empty when it carries neither 90 nor 11. */
  public static Optional<OriginalReference> of(IsoMessage reversal) {
    String original = reversal.field(90);
    // Field 90 is N 42; its first 20 digits are MTI, STAN and date-time. An all-zero 90 is what
    // some acquirers send when they mean "none", so it falls back to 11+37+41 like a missing one.
    if (original != null
        && original.length() >= 20
        && original.substring(0, 20).chars().allMatch(Character::isDigit)
        && !original.substring(0, 10).equals("0000000000")) {
      return Optional.of(
          new OriginalReference(
              original.substring(0, 4),
              original.substring(4, 10),
              original.substring(10, 20),
              null,
              null));
    }
    String stan = reversal.field(11);
    if (stan == null) {
      return Optional.empty();
    }
    return Optional.of(
        new OriginalReference(null, stan, null, reversal.field(37), reversal.field(41)));
  }

  /** Whether {@code request}, an acquirer's original request, is the one referenced. */
  public boolean matches(IsoMessage request) {
    if (!stan.equals(request.field(11))) {
      return false;
    }
    if (mti != null) {
      String sent = request.field(7);
      boolean sameTime =
          sent == null
              ? transmissionDateTime.equals(NO_DATE_TIME)
              : sent.equals(transmissionDateTime);
      return mti.equals(request.mti()) && sameTime;
    }
    return Objects.equals(rrn, request.field(37)) && Objects.equals(terminalId, request.field(41));
  }
}
