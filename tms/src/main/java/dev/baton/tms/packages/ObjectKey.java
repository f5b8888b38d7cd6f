package dev.baton.tms.packages;

import java.util.regex.Pattern;

/**
 * The rule every object store applies to keys: paths of lower-case letters, digits, dots, dashes
 * and slashes, no segment starting with a dot or a dash, no {@code ..}. A key that passes maps to a
 * file under the local store's folder and to an S3 key needing no escaping, so no key can leave
 * the folder or the prefix it belongs in.
 */
final class ObjectKey {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._\\-]*(/[a-z0-9][a-z0-9._\\-]*)*");

  private ObjectKey() {}

  /** @throws IllegalArgumentException when {@code key} breaks the rule */
  static String require(String key) {
    if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("not an object key: " + key);
    }
    return key;
  }
}
