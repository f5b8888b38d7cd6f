package dev.baton.portal.terminals;

import java.util.Map;

/** What the common ISO 8583 response codes (field 39) mean, for the operator reading one. */
final class ResponseCodes {

  private static final Map<String, String> MEANINGS = Map.ofEntries(
      Map.entry("00", "approved"),
      Map.entry("01", "refer to card issuer"),
      Map.entry("03", "invalid merchant"),
      Map.entry("05", "do not honour"),
      Map.entry("12", "invalid transaction"),
      Map.entry("13", "invalid amount"),
      Map.entry("14", "invalid card number"),
      Map.entry("15", "no such issuer"),
      Map.entry("30", "format error"),
      Map.entry("41", "lost card"),
      Map.entry("43", "stolen card"),
      Map.entry("51", "insufficient funds"),
      Map.entry("54", "expired card"),
      Map.entry("55", "incorrect PIN"),
      Map.entry("57", "transaction not permitted to cardholder"),
      Map.entry("61", "exceeds withdrawal limit"),
      Map.entry("91", "issuer or switch inoperative"),
      Map.entry("94", "duplicate transmission"),
      Map.entry("96", "system malfunction"));

  private ResponseCodes() {}

  /** "00 approved", "91 issuer or switch inoperative", or the code alone when it is not a common one. */
  static String describe(String code) {
    if (code == null || code.isBlank()) {
      return "no response code";
    }
    String meaning = MEANINGS.get(code.strip());
    return meaning == null ? code.strip() : code.strip() + " " + meaning;
  }
}
