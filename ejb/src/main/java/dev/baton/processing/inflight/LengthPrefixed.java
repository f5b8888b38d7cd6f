package dev.baton.processing.inflight;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts joined into one, each with its length first ({@code 4:ACQ1}), so that a text may hold any
 * character and none runs into the next; an absent one is {@code -1:}. The form of a stored
 * in-flight authorization, of a move's contexts in the cluster and of the keys nodes remember.
 */
public final class LengthPrefixed {

  private LengthPrefixed() {}

  /** The parts joined; a null part is written as absent. */
  public static String join(List<String> parts) {
    // Sized once for what it will hold (a length of up to five digits and its colon per part): a
    // node joins a few per authorization, and a builder that grows copies its text each time.
    int capacity = 0;
    for (String part : parts) {
      capacity += part == null ? 3 : part.length() + 6;
    }
    StringBuilder joined = new StringBuilder(capacity);
    for (String part : parts) {
      if (part == null) {
        joined.append("-1:");
      } else {
        joined.append(part.length()).append(':').append(part);
      }
    }
    return joined.toString();
  }

  /** The parts {@link #join} joined, null for an absent one; IllegalArgumentException when damaged. */
  public static List<String> split(String joined) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    try {
      while (at < joined.length()) {
        int colon = joined.indexOf(':', at);
        int length = Integer.parseInt(joined.substring(at, colon));
        if (length < 0) {
          parts.add(null);
          at = colon + 1;
          continue;
        }
        if (colon + 1 + length > joined.length()) {
          throw new IllegalArgumentException("a length of " + length + " runs past the end");
        }
        parts.add(joined.substring(colon + 1, colon + 1 + length));
        at = colon + 1 + length;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("damaged at " + at + ": " + e.getMessage(), e);
    }
    return parts;
  }
}
