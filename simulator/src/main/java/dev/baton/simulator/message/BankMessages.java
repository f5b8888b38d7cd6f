package dev.baton.simulator.message;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** The messages a simulated bank sends, with the fields the external contract requires. */
public final class BankMessages {

  public static final String SIGN_ON = "001";
  public static final String SIGN_OFF = "002";
  public static final String APPROVED = "00";

  /** Acquiring and forwarding institution codes in field 90; the simulator has none. */
  private static final String NO_INSTITUTIONS = "0".repeat(22);

  private BankMessages() {}

  /** 0800 with field 70 = {@code code}: sign-on, sign-off or echo. */
  public static ISOMsg networkManagement(String code, String stan) throws ISOException {
    ISOMsg message = new ISOMsg("0800");
    message.set(7, transmissionTime());
    message.set(11, stan);
    message.set(70, code);
    return message;
  }

  /**
   * An authorization (0100) or financial request (0200) for {@code amountMinor} euro cents.
   *
   * @param rrn the retrieval reference number (field 37), 12 characters
   */
  public static ISOMsg request(
      String mti, String pan, long amountMinor, String stan, String rrn, String terminal)
      throws ISOException {
    FieldText.Second now = FieldText.now();
    ISOMsg message = new ISOMsg(mti);
    message.set(2, pan);
    message.set(3, "000000");
    message.set(4, FieldText.zeroPadded(amountMinor, 12));
    message.set(7, now.transmission());
    message.set(11, stan);
    message.set(12, now.localTime());
    message.set(13, now.localDate());
    message.set(37, rrn);
    message.set(41, terminal);
    message.set(42, "SIMMERCHANT" + terminal.substring(terminal.length() - 4));
    message.set(49, "978");
    return message;
  }

  /**
   * A 0400 reversing {@code original}: same 11, 37 and 41, so the switch can match it either by
   * those or by field 90 (original MTI, STAN and transmission time).
   */
  public static ISOMsg reversal(ISOMsg original) throws ISOException {
    ISOMsg message = new ISOMsg("0400");
    for (int field : new int[] {2, 3, 4, 11, 12, 13, 37, 41, 42, 49}) {
      if (original.hasField(field)) {
        message.set(field, original.getString(field));
      }
    }
    message.set(7, transmissionTime());
    message.set(
        90,
        original.getMTI() + original.getString(11) + original.getString(7) + NO_INSTITUTIONS);
    return message;
  }

  /** The answer to {@code request}: a copy with the response MTI and field 39 set. */
  public static ISOMsg answer(ISOMsg request, String responseCode) throws ISOException {
    ISOMsg answer = (ISOMsg) request.clone();
    answer.setResponseMTI();
    answer.set(39, responseCode);
    return answer;
  }

  /** The MTI of the request a response answers: 0110 answers 0100, 0430 answers 0420. */
  public static String requestMtiOf(String responseMti) {
    char[] digits = responseMti.toCharArray();
    digits[2] = (char) (digits[2] - 1);
    return new String(digits);
  }

  private static String transmissionTime() {
    return FieldText.now().transmission();
  }
}
