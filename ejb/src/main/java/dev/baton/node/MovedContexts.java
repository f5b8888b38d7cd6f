package dev.baton.node;

import java.util.ArrayList;
import java.util.List;

/**
 * A planned move's contexts as the one cluster entry they travel in: each context's text form
 * with its length first ({@code 12:...}), one after the other, so that a text may hold any
 * character.
 */
final class MovedContexts {

  private MovedContexts() {}

  static String join(List<String> texts) {
    StringBuilder joined = new StringBuilder();
    for (String text : texts) {
      joined.append(text.length()).append(':').append(text);
    }
    return joined.toString();
  }

  /** The texts {@link #join} joined; IllegalArgumentException when the entry is damaged. */
  static List<String> split(String joined) {
    List<String> texts = new ArrayList<>();
    int at = 0;
    try {
      while (at < joined.length()) {
        int colon = joined.indexOf(':', at);
        int length = Integer.parseInt(joined.substring(at, colon));
        if (length < 0 || colon + 1 + length > joined.length()) {
          throw new IllegalArgumentException("a length of " + length + " runs past the end");
        }
        texts.add(joined.substring(colon + 1, colon + 1 + length));
        at = colon + 1 + length;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("moved contexts damaged at " + at + ": " + e.getMessage(), e);
    }
    return texts;
  }
}
