package dev.baton.connector.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An ISO 8583 message in unpacked form, independent of any packager: the MTI and the data
 * elements by number. Values are the fields' text; binary fields (such as a PIN block) are their
 * bytes in upper-case hex, which is also how they are given when sending. Immutable.
 *
 * @param mti the message type indicator, four digits, e.g. {@code 0100}
 * @param fields data elements 2..128 by number; the bitmap is the packager's business
 */
public record IsoMessage(String mti, Map<Integer, String> fields) {

  public IsoMessage {
    if (!fourDigits(mti)) {
      throw new IllegalArgumentException("an MTI is four digits: " + mti);
    }
    TreeMap<Integer, String> copy = new TreeMap<>();
    for (Map.Entry<Integer, String> field : fields.entrySet()) {
      int number = field.getKey();
      if (number < 2 || number > 192) {
        throw new IllegalArgumentException("no data element " + number);
      }
      copy.put(number, Objects.requireNonNull(field.getValue(), "value of field " + number));
    }
    fields = Collections.unmodifiableSortedMap(copy);
  }

  /** Whether the text can be an MTI: four digits. */
  public static boolean fourDigits(String text) {
    if (text == null || text.length() != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A message with no fields yet. */
  public static IsoMessage of(String mti) {
    return new IsoMessage(mti, Map.of());
  }

  /** The same message with one field set (or replaced). */
  public IsoMessage with(int field, String value) {
    TreeMap<Integer, String> copy = new TreeMap<>(fields);
    copy.put(field, value);
    return new IsoMessage(mti, copy);
  }

  /** The same fields under another MTI, e.g. a request's fields as the start of its answer. */
  public IsoMessage withMti(String otherMti) {
    return new IsoMessage(otherMti, fields);
  }

  /** The same message without a field. */
  public IsoMessage without(int field) {
    TreeMap<Integer, String> copy = new TreeMap<>(fields);
    copy.remove(field);
    return new IsoMessage(mti, copy);
  }

  /** The value of a field, or null when the message does not carry it. */
  public String field(int number) {
    return fields.get(number);
  }

  /**
   * Whether the message expects an answer: a request or an advice (the MTI's function digit is
   * even, as in 0100, 0200, 0220, 0400, 0800).
   */
  public boolean isRequest() {
    return (mti.charAt(2) - '0') % 2 == 0;
  }

  /** The MTI of this request's answer, e.g. {@code 0110} for {@code 0100}. */
  public String responseMti() {
    if (!isRequest()) {
      throw new IllegalStateException(mti + " is not a request");
    }
    return mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + mti.charAt(3);
  }

  @Override
  public String toString() {
    // Values stay out of logs: field 2 is a card number, field 52 a PIN block.
    return "IsoMessage[" + mti + ", fields " + fields.keySet() + "]";
  }
}
