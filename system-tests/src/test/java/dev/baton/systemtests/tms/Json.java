package dev.baton.systemtests.tms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single fields from the small JSON answers of the API (the tests need no more). */
public final class Json {

  private Json() {}

  /** The value of the first {@code "name": value} in {@code json}: a string without quotes, or a number or literal. */
  public static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\]\\s]+)").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no field '" + name + "' in " + json);
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  public static long number(String json, String name) {
    return Long.parseLong(field(json, name));
  }
}
