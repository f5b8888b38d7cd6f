package dev.baton.processing.inflight;

import dev.baton.connector.api.IsoMessage;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request on its way to an issuer: who asked (acquirer bank and the session the answer must go
 * back on), the acquirer's request as received (after inbound corrections), the key of the
 * issuer-side request, and the deadline after which the acquirer gets RC 91.
 *
 * @param acquirerId the acquirer bank
 * @param acquirerSessionId the acquirer's session the request came in on
 * @param request the acquirer's request, with the acquirer's own 11, 37, 41 and 90
 * @param issuerKey the issuer bank and the issuer-side 11, 37, 41
 * @param deadlineMillis epoch milliseconds from which the request has timed out
 * @param createdAtMillis epoch milliseconds when the request was sent to the issuer
 * @param correlation the edge's id of the acquirer's request, which its answer carries back (0
 *     when nobody needs it, as in tests of the decisions alone)
 */
public record InFlightAuthorization(
    String acquirerId,
    String acquirerSessionId,
    IsoMessage request,
    IssuerKey issuerKey,
    long deadlineMillis,
    long createdAtMillis,
    long correlation) {

  /** A context without an edge correlation. */
  public InFlightAuthorization(
      String acquirerId,
      String acquirerSessionId,
      IsoMessage request,
      IssuerKey issuerKey,
      long deadlineMillis,
      long createdAtMillis) {
    this(acquirerId, acquirerSessionId, request, issuerKey, deadlineMillis, createdAtMillis, 0);
  }

  public InFlightAuthorization {
    requireText(acquirerId, "acquirer bank");
    requireText(acquirerSessionId, "acquirer session");
    Objects.requireNonNull(request, "the acquirer's request");
    Objects.requireNonNull(issuerKey, "the issuer key");
    if (deadlineMillis < createdAtMillis) {
      throw new IllegalArgumentException("a deadline cannot come before the request was created");
    }
  }

  /** The issuer bank the request went to. */
  public String issuerId() {
    return issuerKey.issuerId();
  }

  /** Whether this is a reversal (0400/0420) rather than an authorization or financial request. */
  public boolean isReversal() {
    return request.mti().startsWith("04");
  }

  /** Whether {@code bankId} takes part, as acquirer or as issuer. */
  public boolean involves(String bankId) {
    return acquirerId.equals(bankId) || issuerId().equals(bankId);
  }

  /** The flat form for the clustered in-flight cache. */
  public Stored toStored() {
    return new Stored(
        acquirerId,
        acquirerSessionId,
        request.mti(),
        Stored.encode(request.fields()),
        issuerKey.issuerId(),
        issuerKey.stan(),
        issuerKey.rrn(),
        issuerKey.terminalId(),
        deadlineMillis,
        createdAtMillis,
        correlation);
  }

  /**
   * {@code toStored().toText()} in UTF-8, as a node keeps every authorization it finishes. ISO 8583
   * fields are ASCII, and then the bytes are written in one pass, without the field text, the
   * joined text and the encoded copy the three steps make; any other character takes those steps.
   */
  public byte[] storedBytes() {
    String[] parts = {acquirerId, acquirerSessionId, request.mti(), null, issuerKey.issuerId(), issuerKey.stan(),
        issuerKey.rrn(), issuerKey.terminalId(), Long.toString(deadlineMillis), Long.toString(createdAtMillis),
        Long.toString(correlation)};
    boolean ascii = true;
    int fieldChars = 0;
    for (int f = 0; f < request.fieldCount(); f++) {
      String value = request.fieldValueAt(f);
      ascii &= isAscii(value);
      fieldChars += digits(request.fieldNumberAt(f)) + 1 + digits(value.length()) + 1 + value.length();
    }
    int total = digits(fieldChars) + 1 + fieldChars;
    for (String part : parts) {
      if (part != null) {
        ascii &= isAscii(part);
        total += digits(part.length()) + 1 + part.length();
      }
    }
    if (!ascii) {
      return toStored().toText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    byte[] bytes = new byte[total];
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      if (i != 3) {
        at = putPrefixed(bytes, at, parts[i]);
        continue;
      }
      at = putNumber(bytes, at, fieldChars);
      bytes[at++] = ':';
      for (int f = 0; f < request.fieldCount(); f++) {
        at = putNumber(bytes, at, request.fieldNumberAt(f));
        bytes[at++] = ':';
        at = putPrefixed(bytes, at, request.fieldValueAt(f));
      }
    }
    return bytes;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static int digits(int number) {
    int digits = 1;
    for (int rest = number; rest >= 10; rest /= 10) {
      digits++;
    }
    return digits;
  }

  private static int putPrefixed(byte[] bytes, int at, String text) {
    int next = putNumber(bytes, at, text.length());
    bytes[next++] = ':';
    for (int i = 0; i < text.length(); i++) {
      bytes[next + i] = (byte) text.charAt(i);
    }
    return next + text.length();
  }

  private static int putNumber(byte[] bytes, int at, int number) {
    int end = at + digits(number);
    int rest = number;
    for (int i = end - 1; i >= at; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return end;
  }

  /** The context a {@link #toStored()} form came from. */
  public static InFlightAuthorization fromStored(Stored stored) {
    return new InFlightAuthorization(
        stored.acquirerId(),
        stored.acquirerSessionId(),
        new IsoMessage(stored.requestMti(), Stored.decode(stored.requestFields())),
        new IssuerKey(
            stored.issuerId(), stored.issuerStan(), stored.issuerRrn(), stored.issuerTerminalId()),
        stored.deadlineMillis(),
        stored.createdAtMillis(),
        stored.correlation());
  }

  @Override
  public String toString() {
    // The request carries a card number; only identifiers go to logs.
    return "InFlightAuthorization["
        + acquirerId
        + "/"
        + acquirerSessionId
        + " "
        + request.mti()
        + " -> "
        + issuerKey
        + "]";
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an in-flight authorization needs the " + what);
    }
  }

  /**
   * An in-flight authorization as strings and longs only, for a cache marshaller (ProtoStream or
   * Java serialization) that should not need to know {@code IsoMessage}. The request's fields are
   * one string of {@code number:length:value} items, so a value may contain any character.
   */
  public record Stored(
      String acquirerId,
      String acquirerSessionId,
      String requestMti,
      String requestFields,
      String issuerId,
      String issuerStan,
      String issuerRrn,
      String issuerTerminalId,
      long deadlineMillis,
      long createdAtMillis,
      long correlation)
      implements Serializable {

    /** This context as one line of text, for a cache that stores strings. */
    public String toText() {
      return LengthPrefixed.join(java.util.Arrays.asList(acquirerId, acquirerSessionId, requestMti, requestFields,
          issuerId, issuerStan, issuerRrn, issuerTerminalId, Long.toString(deadlineMillis),
          Long.toString(createdAtMillis), Long.toString(correlation)));
    }

    /** Reads {@link #toText()}; throws IllegalArgumentException when the text is damaged. */
    public static Stored fromText(String text) {
      try {
        List<String> parts = LengthPrefixed.split(text);
        if (parts.size() != 11) {
          throw new IllegalArgumentException("11 parts expected, " + parts.size() + " found");
        }
        return new Stored(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4), parts.get(5),
            parts.get(6), parts.get(7), Long.parseLong(parts.get(8)), Long.parseLong(parts.get(9)),
            Long.parseLong(parts.get(10)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("a stored in-flight authorization is damaged: " + e.getMessage(), e);
      }
    }

    static String encode(Map<Integer, String> fields) {
      // Sized once, as LengthPrefixed.join is: a field number, a length and two colons fit in 8.
      int capacity = 0;
      for (String value : fields.values()) {
        capacity += value.length() + 8;
      }
      StringBuilder text = new StringBuilder(capacity);
      fields.forEach(
          (number, value) ->
              text.append(number).append(':').append(value.length()).append(':').append(value));
      return text.toString();
    }

    static Map<Integer, String> decode(String text) {
      Map<Integer, String> fields = new TreeMap<>();
      int at = 0;
      try {
        while (at < text.length()) {
          int colon = text.indexOf(':', at);
          int number = Integer.parseInt(text.substring(at, colon));
          int lengthEnd = text.indexOf(':', colon + 1);
          int length = Integer.parseInt(text.substring(colon + 1, lengthEnd));
          at = lengthEnd + 1 + length;
          fields.put(number, text.substring(lengthEnd + 1, at));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("stored request fields are damaged at " + at, e);
      }
      return fields;
    }
  }
}
