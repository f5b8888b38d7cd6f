package dev.baton.processing;

import dev.baton.connector.api.IsoMessage;
import dev.baton.processing.inflight.InFlightAuthorization;
import java.util.List;
import java.util.Optional;

/** How the switch builds the messages it sends: answers, issuer requests, reversal advices. */
public final class AuthorizationMessages {

  // Track data and the PIN block do not travel back in answers or into reversal advices.
  private static final List<Integer> NOT_ECHOED = List.of(35, 36, 45, 52);

  /** The acquirer's own fields, which its answer carries back in place of the issuer's. */
  private static final int[] ECHOED_FROM_REQUEST = {11, 37, 41, 90};

  /** What some acquirers and issuers read in 39 of a reversal advice: answer came too late. */
  static final String LATE_RESPONSE_REASON = "68";

  private AuthorizationMessages() {}

  /** The switch's own answer to {@code request}: its fields echoed, 39 = {@code code}. */
  public static IsoMessage decline(IsoMessage request, ResponseCode code) {
    return withoutSecrets(request).withMti(request.responseMti()).with(39, code.code());
  }

  /**
   * The acquirer's request as the issuer sees it: our STAN in 11, and for a reversal whose original
   * is known, 90 naming the original as the issuer knows it (its MTI and our STAN), because the
   * issuer has never seen the acquirer's STAN.
   */
  static IsoMessage issuerRequest(
      IsoMessage acquirerRequest, String issuerStan, Optional<InFlightAuthorization> original) {
    IsoMessage issuerRequest = acquirerRequest.with(11, issuerStan);
    if (original.isPresent()) {
      issuerRequest = issuerRequest.with(90, originalDataElements(original.get()));
    }
    return issuerRequest;
  }

  /**
   * The acquirer's answer from the issuer's: the issuer's fields and response code, with the
   * acquirer's own 11, 37, 41 and 90 restored and the MTI the acquirer expects.
   */
  static IsoMessage acquirerAnswer(InFlightAuthorization context, IsoMessage issuerAnswer) {
    IsoMessage request = context.request();
    // One map for every change: a message per change copied all its fields each time, the largest
    // share of a node's time under load.
    IsoMessage.Builder fields = issuerAnswer.toBuilder().mti(request.responseMti());
    for (int field : ECHOED_FROM_REQUEST) {
      String value = request.field(field);
      if (value == null) {
        fields.remove(field);
      } else {
        fields.set(field, value);
      }
    }
    // An answer without a response code says nothing the acquirer could act on.
    return fields.setIfAbsent(39, ResponseCode.ISSUER_UNAVAILABLE.code()).build();
  }

  /**
   * The 0420 that undoes an approval which came after the acquirer was declined: the issuer-side
   * request's fields under a new STAN, the approval code (38) the issuer gave, and 90 naming the
   * original.
   */
  static IsoMessage lateReversalAdvice(
      InFlightAuthorization original, IsoMessage lateAnswer, String adviceStan) {
    IsoMessage advice =
        withoutSecrets(original.request())
            .withMti("0420")
            .with(11, adviceStan)
            .with(39, LATE_RESPONSE_REASON)
            .with(90, originalDataElements(original));
    String approvalCode = lateAnswer.field(38);
    return approvalCode == null ? advice : advice.with(38, approvalCode);
  }

  /**
   * Field 90 for the issuer: original MTI (4), issuer-side STAN (6), transmission date and time
   * (10), acquiring (11) and forwarding (11) institution ids, zeros where the original had none.
   */
  static String originalDataElements(InFlightAuthorization original) {
    IsoMessage request = original.request();
    return request.mti()
        + original.issuerKey().stan()
        + digits(request.field(7), 10)
        + digits(request.field(32), 11)
        + digits(request.field(33), 11);
  }

  private static String digits(String value, int length) {
    if (value == null || value.length() > length || !value.chars().allMatch(Character::isDigit)) {
      return "0".repeat(length);
    }
    return "0".repeat(length - value.length()) + value;
  }

  private static IsoMessage withoutSecrets(IsoMessage message) {
    IsoMessage clean = message;
    for (int field : NOT_ECHOED) {
      clean = clean.without(field);
    }
    return clean;
  }
}
