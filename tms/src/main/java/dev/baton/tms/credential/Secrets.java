package dev.baton.tms.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Activation codes and terminal credentials: random, shown once, kept only as SHA-256 hashes.
 *
 * <p>A plain SHA-256 (not a slow password hash) is enough because these secrets are generated
 * with 60 to 256 bits of entropy, never chosen by a person, so they cannot be guessed from a
 * dictionary; and a terminal presents its credential at every check-in, thousands of times a
 * second across the fleet.
 */
public final class Secrets {

  /** Crockford's base 32: no I, L, O, U, so a code read aloud or typed on a keypad is not mistaken. */
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A one-time activation code: 12 characters (60 bits), typed on the terminal. */
  public static String activationCode() {
    return random(12);
  }

  /** A terminal credential: 52 characters (260 bits), stored on the terminal. */
  public static String credential() {
    return random(52);
  }

  /** Activation codes are compared without dashes, blanks or case. */
  public static String normaliseCode(String code) {
    return code.replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
  }

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  // One draw of random bytes per secret, 5 bits per character: drawing per character costs a
  // read of the system's random source each, which shows when a file issues 100,000 codes.
  private static String random(int length) {
    byte[] bytes = new byte[(length * 5 + 7) / 8];
    RANDOM.nextBytes(bytes);
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      int bit = i * 5;
      int word = ((bytes[bit / 8] & 0xff) << 8) | (bit / 8 + 1 < bytes.length ? bytes[bit / 8 + 1] & 0xff : 0);
      out[i] = ALPHABET[(word >>> (11 - bit % 8)) & 31];
    }
    return new String(out);
  }
}
