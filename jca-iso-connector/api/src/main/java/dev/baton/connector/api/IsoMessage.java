package dev.baton.connector.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

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

  /** Room a builder starts with: most messages of a switch carry fewer fields. */
  private static final int INITIAL_CAPACITY = 24;
  private static final int[] NO_NUMBERS = {};
  private static final String[] NO_VALUES = {};

  private final String mti;
  /**
   * The fields' numbers in ascending order and their values at the same index, the first {@link
   * #count} of each: two arrays rather than a sorted map, whose entry per field and boxed number made
   * a fifth of what the edge allocated per authorization. Never written once the message is made;
   * messages that share them ({@link #withMti}) never write them either.
   */
  private final int[] numbers;
  private final String[] values;
  private final int count;
  /** The read-only map view {@link #fields} hands out, made on first use. */
  private Map<Integer, String> view;

  /**
   * @param mti the message type indicator, four digits, e.g. {@code 0100}
   * @param fields data elements 2..192 by number (copied); the bitmap is the packager's business
   */
  public IsoMessage(String mti, Map<Integer, String> fields) {
    Builder copy = builder(mti, fields.size());
    for (Map.Entry<Integer, String> field : fields.entrySet()) {
      copy.set(field.getKey(), field.getValue());
    }
    this.mti = copy.mti;
    this.numbers = copy.numbers;
    this.values = copy.values;
    this.count = copy.count;
  }

  /** Takes a checked MTI and checked, sorted fields that nobody will change. */
  private IsoMessage(String mti, int[] numbers, String[] values, int count) {
    this.mti = mti;
    this.numbers = numbers;
    this.values = values;
    this.count = count;
  }

  /** The message type indicator, four digits. */
  public String mti() {
    return mti;
  }

  /** The data elements by number, in number order; unmodifiable. */
  public Map<Integer, String> fields() {
    Map<Integer, String> fields = view;
    if (fields == null) {
      fields = new FieldMap();
      view = fields; // a race makes two equal views, no harm
    }
    return fields;
  }

  /** How many data elements the message carries. */
  public int fieldCount() {
    return count;
  }

  /**
   * The number of the {@code index}th data element in number order, {@code 0 <= index <}
   * {@link #fieldCount}: with {@link #fieldValueAt}, a walk over the fields that makes no objects.
   */
  public int fieldNumberAt(int index) {
    return numbers[Objects.checkIndex(index, count)];
  }

  /** The value of the {@code index}th data element in number order; see {@link #fieldNumberAt}. */
  public String fieldValueAt(int index) {
    return values[Objects.checkIndex(index, count)];
  }

  private static String checkedMti(String mti) {
    if (!fourDigits(mti)) {
      throw new IllegalArgumentException("an MTI is four digits: " + mti);
    }
    return mti;
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

  /** Where {@code number} is among the first {@code count} numbers, or {@code -(insertion point) - 1}. */
  private static int indexOf(int[] numbers, int count, int number) {
    // Fields are mostly set in ascending order: the last place first.
    if (count == 0 || numbers[count - 1] < number) {
      return -count - 1;
    }
    return Arrays.binarySearch(numbers, 0, count, number);
  }

  /**
   * Builds a message a field at a time without a copy per field; {@link #build} hands the fields
   * over, and the builder is done then.
   */
  public static Builder builder(String mti) {
    return builder(mti, INITIAL_CAPACITY);
  }

  /**
   * The same with room for {@code fields} fields, e.g. as many as a frame's bitmap names: a
   * decoder then allocates what the message needs, not a builder's usual room; more still fit.
   */
  public static Builder builder(String mti, int fields) {
    int room = Math.max(1, fields);
    return new Builder(checkedMti(mti), new int[room], new String[room], 0);
  }

  /** A builder starting from this message's fields. */
  public Builder toBuilder() {
    int room = count + 4;
    return new Builder(mti, Arrays.copyOf(numbers, room), Arrays.copyOf(values, room), count);
  }

  /** See {@link #builder}. Not thread-safe; used once. */
  public static final class Builder {
    private String mti;
    private int[] numbers;
    private String[] values;
    private int count;
    private boolean built;

    private Builder(String mti, int[] numbers, String[] values, int count) {
      this.mti = mti;
      this.numbers = numbers;
      this.values = values;
      this.count = count;
    }

    /** Sets (or replaces) a field. */
    public Builder set(int number, String value) {
      open();
      put(checkedNumber(number), checkedValue(number, value), true);
      return this;
    }

    /** Sets a field unless it is there already. */
    public Builder setIfAbsent(int number, String value) {
      open();
      put(checkedNumber(number), checkedValue(number, value), false);
      return this;
    }

    /** Removes a field. */
    public Builder remove(int number) {
      open();
      int at = indexOf(numbers, count, number);
      if (at >= 0) {
        System.arraycopy(numbers, at + 1, numbers, at, count - at - 1);
        System.arraycopy(values, at + 1, values, at, count - at - 1);
        count--;
        values[count] = null;
      }
      return this;
    }

    /** Another MTI. */
    public Builder mti(String otherMti) {
      open();
      mti = checkedMti(otherMti);
      return this;
    }

    /** The message; the builder cannot be used after this. */
    public IsoMessage build() {
      open();
      built = true;
      IsoMessage message = new IsoMessage(mti, numbers, values, count);
      numbers = null;
      values = null;
      return message;
    }

    private void put(int number, String value, boolean replace) {
      int at = indexOf(numbers, count, number);
      if (at >= 0) {
        if (replace) {
          values[at] = value;
        }
        return;
      }
      int insert = -at - 1;
      if (count == numbers.length) {
        int room = Math.max(INITIAL_CAPACITY, count * 2);
        numbers = Arrays.copyOf(numbers, room);
        values = Arrays.copyOf(values, room);
      }
      System.arraycopy(numbers, insert, numbers, insert + 1, count - insert);
      System.arraycopy(values, insert, values, insert + 1, count - insert);
      numbers[insert] = number;
      values[insert] = value;
      count++;
    }

    private void open() {
      if (built) {
        throw new IllegalStateException("this builder has built its message already");
      }
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
    return new IsoMessage(checkedMti(mti), NO_NUMBERS, NO_VALUES, 0); // never written: shared
  }

  /** The same message with one field set (or replaced). */
  public IsoMessage with(int field, String value) {
    return toBuilder().set(field, value).build();
  }

  /** The same fields under another MTI, e.g. a request's fields as the start of its answer. */
  public IsoMessage withMti(String otherMti) {
    // shared, not copied: neither message writes them
    return new IsoMessage(checkedMti(otherMti), numbers, values, count);
  }

  /** The same message without a field. */
  public IsoMessage without(int field) {
    return indexOf(numbers, count, field) >= 0 ? toBuilder().remove(field).build() : this;
  }

  /** The value of a field, or null when the message does not carry it. */
  public String field(int number) {
    int at = indexOf(numbers, count, number);
    return at >= 0 ? values[at] : null;
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
    return other instanceof IsoMessage message
        && mti.equals(message.mti)
        && Arrays.equals(numbers, 0, count, message.numbers, 0, message.count)
        && Arrays.equals(values, 0, count, message.values, 0, message.count);
  }

  @Override
  public int hashCode() {
    // As a map of the fields would hash them, without making its entries.
    int fields = 0;
    for (int i = 0; i < count; i++) {
      fields += numbers[i] ^ values[i].hashCode();
    }
    return 31 * mti.hashCode() + fields;
  }

  @Override
  public String toString() {
    // Values stay out of logs: field 2 is a card number, field 52 a PIN block.
    StringBuilder text = new StringBuilder(24 + 5 * count).append("IsoMessage[").append(mti).append(", fields [");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ", ").append(numbers[i]);
    }
    return text.append("]]").toString();
  }

  /** The fields as a read-only map, in number order, backed by the message's arrays. */
  private final class FieldMap extends AbstractMap<Integer, String> {

    @Override
    public int size() {
      return count;
    }

    @Override
    public String get(Object key) {
      return key instanceof Integer number ? field(number) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof Integer number && indexOf(numbers, count, number) >= 0;
    }

    @Override
    public Set<Map.Entry<Integer, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return count;
        }

        @Override
        public Iterator<Map.Entry<Integer, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < count;
            }

            @Override
            public Map.Entry<Integer, String> next() {
              if (next >= count) {
                throw new NoSuchElementException();
              }
              int at = next++;
              return new AbstractMap.SimpleImmutableEntry<>(numbers[at], values[at]);
            }
          };
        }
      };
    }

    @Override
    public void forEach(BiConsumer<? super Integer, ? super String> action) {
      for (int i = 0; i < count; i++) {
        action.accept(numbers[i], values[i]);
      }
    }
  }
}
