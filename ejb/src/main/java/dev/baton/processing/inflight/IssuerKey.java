package dev.baton.processing.inflight;

import dev.baton.connector.api.IsoMessage;
import java.util.Comparator;

/**
 * What identifies a request on the issuer's side, and so its answer: the issuer bank, the STAN we
 * gave it (field 11), and the retrieval reference (37) and terminal (41), which issuers echo. A
 * field the request did not carry is the empty string, so that a message without it matches.
 */
public record IssuerKey(String issuerId, String stan, String rrn, String terminalId) {

  static final Comparator<IssuerKey> ORDER =
      Comparator.comparing(IssuerKey::issuerId)
          .thenComparing(IssuerKey::stan)
          .thenComparing(IssuerKey::rrn)
          .thenComparing(IssuerKey::terminalId);

  public IssuerKey {
    if (issuerId == null || issuerId.isBlank()) {
      throw new IllegalArgumentException("an issuer key needs the issuer bank");
    }
    if (stan == null || stan.isEmpty()) {
      throw new IllegalArgumentException("an issuer key needs the issuer-side STAN (field 11)");
    }
    rrn = rrn == null ? "" : rrn;
    terminalId = terminalId == null ? "" : terminalId;
  }

  /** The key of a message exchanged with {@code issuerId}: its fields 11, 37 and 41. */
  public static IssuerKey of(String issuerId, IsoMessage message) {
    return new IssuerKey(issuerId, message.field(11), message.field(37), message.field(41));
  }
}
