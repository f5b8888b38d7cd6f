package dev.baton.tms.packages;

import java.util.Optional;

/**
 * One range of a download, from an HTTP {@code Range} header (RFC 9110, section 14): what a
 * terminal asks for when it resumes an interrupted download.
 *
 * @param first first byte, inclusive
 * @param last last byte, inclusive
 */
public record ByteRange(long first, long last) {

  /** The header asks only for bytes past the end of the object: answered with 416. */
  public static final class Unsatisfiable extends RuntimeException {
    private final long size;

    public Unsatisfiable(String header, long size) {
      super("range " + header + " is outside the " + size + " bytes of the object");
      this.size = size;
    }

    /** The object's size, for {@code Content-Range: bytes *}{@code /size}. */
    public long size() {
      return size;
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of this range of an object of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * The range {@code header} asks for within an object of {@code size} bytes; empty when the
   * whole object is to be sent: no header, a header that is not a single byte range (which RFC
   * 9110 lets a server ignore), or a range covering everything.
   *
   * @throws Unsatisfiable when the range starts past the end
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = value.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    Long from;
    Long to;
    try {
      from = number(spec.substring(0, dash));
      to = number(spec.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    ByteRange range;
    if (from == null && to == null) {
      return Optional.empty();
    } else if (from == null) {
      if (to == 0 || size == 0) {
        throw new Unsatisfiable(header, size);
      }
      range = new ByteRange(Math.max(0, size - to), size - 1);
    } else {
      if (to != null && to < from) {
        return Optional.empty();
      }
      if (from >= size) {
        throw new Unsatisfiable(header, size);
      }
      range = new ByteRange(from, to == null ? size - 1 : Math.min(to, size - 1));
    }
    return range.first == 0 && range.last == size - 1 ? Optional.empty() : Optional.of(range);
  }

  private static Long number(String text) {
    String digits = text.strip();
    if (digits.isEmpty()) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        throw new NumberFormatException(digits);
      }
    }
    return Long.parseLong(digits);
  }
}
