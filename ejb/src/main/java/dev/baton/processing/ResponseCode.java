package dev.baton.processing;

import java.util.Set;

/** The response codes (field 39) the switch produces itself, as the contract lists them. */
public enum ResponseCode {
  /** No BIN prefix matches the card: no such issuer. */
  NO_SUCH_ISSUER("15"),
  /** A mandatory field is missing or the message is not one the switch processes. */
  FORMAT_ERROR("30"),
  /** The issuer is not signed on, did not answer in time, or answered unusably. */
  ISSUER_UNAVAILABLE("91"),
  /** The same request was seen moments ago. */
  DUPLICATE_TRANSMISSION("94");

  // Codes that mean the issuer approved (fully, partially or with identification): an approval
  // that arrives after the acquirer was declined has to be undone at the issuer.
  private static final Set<String> APPROVALS = Set.of("00", "08", "10", "11", "16");

  private final String code;

  ResponseCode(String code) {
    this.code = code;
  }

  /** The two digits of field 39. */
  public String code() {
    return code;
  }

  /** Whether {@code field39} is an approval. */
  public static boolean isApproval(String field39) {
    return field39 != null && APPROVALS.contains(field39);
  }
}
