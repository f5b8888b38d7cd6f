package dev.baton.simulator.issuer;

import java.util.Map;

/**
 * What an issuer received and answered.
 *
 * @param receivedByMti requests received, by MTI
 * @param answersByMtiAndCode answers sent, keyed {@code "0110 00"}
 * @param neverAnswered requests deliberately left without an answer
 * @param sendFailures answers that could not be written (the peer had gone)
 */
public record IssuerSummary(
    Map<String, Long> receivedByMti,
    Map<String, Long> answersByMtiAndCode,
    long neverAnswered,
    long sendFailures) {

  public long received(String mti) {
    return receivedByMti.getOrDefault(mti, 0L);
  }

  public long answers(String responseMti, String responseCode) {
    return answersByMtiAndCode.getOrDefault(responseMti + ' ' + responseCode, 0L);
  }
}
