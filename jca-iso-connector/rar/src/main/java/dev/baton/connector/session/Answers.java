package dev.baton.connector.session;

import dev.baton.connector.api.IsoMessage;
import java.util.BitSet;
import java.util.Optional;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** The answers the adapter gives by itself, built from the request they answer. */
public final class Answers {

  /** Format error: the frame does not unpack. */
  public static final String FORMAT_ERROR = "30";
  /** Issuer unavailable: the request cannot be delivered in time, or the bank is not signed on. */
  public static final String ISSUER_UNAVAILABLE = "91";
  /** Approved: network management done. */
  public static final String APPROVED = "00";

  // A bank matches an answer to its request on these; without them an answer is useless to it.
  private static final int[] KEY_FIELDS = {11, 37, 41};
  // Echoed back so that the bank finds the transaction the answer is about.
  private static final int[] ECHOED_FIELDS = {2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70};

  private Answers() {}

  /** Whether the message has an MTI of four digits, the only kind the adapter can answer. */
  public static boolean hasUsableMti(ISOMsg message) {
    try {
      return message.hasMTI() && IsoMessage.fourDigits(message.getMTI());
    } catch (ISOException e) {
      return false;
    }
  }

  /** Whether the message is a request or advice (it expects an answer). */
  public static boolean expectsAnswer(ISOMsg message) {
    try {
      return hasUsableMti(message) && message.isRequest();
    } catch (ISOException e) {
      return false;
    }
  }

  /**
   * The response to a request with a response code, echoing the fields the bank matches on.
   *
   * @throws ISOException when the request has no usable request MTI
   */
  public static ISOMsg respond(ISOMsg request, String responseCode) throws ISOException {
    if (!expectsAnswer(request)) {
      throw new ISOException("not a request: cannot answer it");
    }
    ISOMsg response = new ISOMsg();
    response.setPackager(request.getPackager());
    if (request.getHeader() != null) {
      response.setHeader(request.getHeader());
    }
    response.setMTI(request.getMTI());
    response.setResponseMTI();
    for (int field : ECHOED_FIELDS) {
      if (request.hasField(field)) {
        response.set(field, request.getString(field));
      }
    }
    response.set(39, responseCode);
    return response;
  }

  /**
   * The RC 30 answer to a frame that did not unpack, when what was unpacked of it has a request
   * MTI, a bitmap, and every key field (11, 37, 41) the bitmap announces.
   *
   * @param partial the fields unpacked before the failure
   * @return the answer, or empty when the frame cannot be answered and must be dropped
   */
  public static Optional<ISOMsg> formatError(ISOMsg partial) {
    if (!expectsAnswer(partial) || !(partial.getValue(-1) instanceof BitSet bitmap)) {
      return Optional.empty();
    }
    for (int field : KEY_FIELDS) {
      if (bitmap.get(field) && !partial.hasField(field)) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(respond(partial, FORMAT_ERROR));
    } catch (ISOException e) {
      return Optional.empty();
    }
  }
}
