package dev.baton.connector.api;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ISO 8583 message in unpacked form, independent of any packager: the MTI and the data
 * elements by number. Values are the fields' text; binary fields (such as a PIN block) are their
 * bytes in upper-case hex, which is also how they are given when sending. Immutable; equal when
 * MTI and fields are.
 *
 * <p>Every message on a node's and the edge's path is built, changed a field at a time and read:
 * a message's fields are copied once, when it is made from a map the caller keeps or changed, and
 * not again (a {@link #withMti} shares them).
 */
public final class IsoMessage {

  private final String mti;
  private final SortedMap<Integer, String> fields;

  /**
   * @param mti the message type indicator, four digits, e.g. {@code 0100}
   * @param fields data elements 2..192 by number (copied); the bitmap is the packager's business
   */
  public IsoMessage(String mti, Map<Integer, String> fields) {
    this(checkedMti(mti), Collections.unmodifiableSortedMap(checkedCopy(fields)));
  }

  /** Takes a checked MTI and checked fields that nobody can change. */
  private IsoMessage(String mti, SortedMap<Integer, String> readOnlyFields) {
    this.mti = mti;
    this.fields = readOnlyFields;
  }

  /** A message of fields checked here and held by nobody else. */
  private static IsoMessage owning(String mti, TreeMap<Integer, String> fields) {
    return new IsoMessage(mti, Collections.unmodifiableSortedMap(fields));
  }

  /** The message type indicator, four digits. */
  public String mti() {
    return mti;
  }

  /** The data elements by number, in number order; unmodifiable. */
  public Map<Integer, String> fields() {
    return fields;
  }

  private static String checkedMti(String mti) {
    if (!fourDigits(mti)) {
      throw new IllegalArgumentException("an MTI is four digits: " + mti);
    }
    return mti;
  }

  private static TreeMap<Integer, String> checkedCopy(Map<Integer, String> fields) {
    TreeMap<Integer, String> copy = new TreeMap<>();
    for (Map.Entry<Integer, String> field : fields.entrySet()) {
      copy.put(checkedNumber(field.getKey()), checkedValue(field.getKey(), field.getValue()));
    }
    return copy;
  }

  private static int checkedNumber(int number) {
    if (number < 2 || number > 192) {
      throw new IllegalArgumentException("no data element " + number);
    }
    return number;
  }

  private static String checkedValue(int number, String value) {
    // The message is made only when it is needed: every field of every message passes here.
    if (value == null) {
      throw new NullPointerException("value of field " + number);
    }
    return value;
  }

  /**
   * Builds a message a field at a time without a copy per field; {@link #build} hands the fields
   * over, and the builder is done then.
   */
  public static Builder builder(String mti) {
    return new Builder(checkedMti(mti), new TreeMap<>());
  }

  /** A builder starting from this message's fields. */
  public Builder toBuilder() {
    return new Builder(mti, new TreeMap<>(fields));
  }

  /** See {@link #builder}. Not thread-safe; used once. */
  public static final class Builder {
    private String mti;
    private TreeMap<Integer, String> fields;

    private Builder(String mti, TreeMap<Integer, String> fields) {
      this.mti = mti;
      this.fields = fields;
    }

    /** Sets (or replaces) a field. */
    public Builder set(int number, String value) {
      fields().put(checkedNumber(number), checkedValue(number, value));
      return this;
    }

    /** Sets a field unless it is there already. */
    public Builder setIfAbsent(int number, String value) {
      fields().putIfAbsent(checkedNumber(number), checkedValue(number, value));
      return this;
    }

    /** Removes a field. */
    public Builder remove(int number) {
      fields().remove(number);
      return this;
    }

    /** Another MTI. */
    public Builder mti(String otherMti) {
      fields();
      mti = checkedMti(otherMti);
      return this;
    }

    /** The message; the builder cannot be used after this. */
    public IsoMessage build() {
      IsoMessage built = owning(mti, fields());
      fields = null;
      return built;
    }

    private TreeMap<Integer, String> fields() {
      if (fields == null) {
        throw new IllegalStateException("this builder has built its message already");
      }
      return fields;
    }
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
    return owning(checkedMti(mti), new TreeMap<>());
  }

  /** The same message with one field set (or replaced). */
  public IsoMessage with(int field, String value) {
    return toBuilder().set(field, value).build();
  }

  /** The same fields under another MTI, e.g. a request's fields as the start of its answer. */
  public IsoMessage withMti(String otherMti) {
    return new IsoMessage(checkedMti(otherMti), fields); // the private constructor: shared, not copied
  }

  /** The same message without a field. */
  public IsoMessage without(int field) {
    return fields.containsKey(field) ? toBuilder().remove(field).build() : this;
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
  public boolean equals(Object other) {
    return other instanceof IsoMessage message && mti.equals(message.mti) && fields.equals(message.fields);
  }

  @Override
  public int hashCode() {
    return 31 * mti.hashCode() + fields.hashCode();
  }

  @Override
  public String toString() {
    // Values stay out of logs: field 2 is a card number, field 52 a PIN block.
    return "IsoMessage[" + mti + ", fields " + fields.keySet() + "]";
  }
}
