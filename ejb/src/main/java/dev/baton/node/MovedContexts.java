package dev.baton.node;

import dev.baton.processing.inflight.LengthPrefixed;
import java.util.List;

/**
 * A planned move's contexts as the one cluster entry they travel in: their text forms,
 * {@linkplain LengthPrefixed length-prefixed}, one after the other.
 */
final class MovedContexts {

  private MovedContexts() {}

  static String join(List<String> texts) {
    return LengthPrefixed.join(texts);
  }

  /** The texts {@link #join} joined; IllegalArgumentException when the entry is damaged. */
  static List<String> split(String joined) {
    try {
      List<String> texts = LengthPrefixed.split(joined);
      if (texts.contains(null)) {
        throw new IllegalArgumentException("a context is absent");
      }
      return texts;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("moved contexts " + e.getMessage(), e);
    }
  }
}
