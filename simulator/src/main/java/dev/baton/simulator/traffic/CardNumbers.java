package dev.baton.simulator.traffic;

import java.util.random.RandomGenerator;

/** Card numbers for test traffic: 16 digits under a BIN prefix, with a valid Luhn check digit. */
public final class CardNumbers {

  private static final int PAN_LENGTH = 16;

  private CardNumbers() {}

  public static String draw(String binPrefix, RandomGenerator random) {
    StringBuilder pan = new StringBuilder(PAN_LENGTH).append(binPrefix);
    while (pan.length() < PAN_LENGTH - 1) {
      pan.append((char) ('0' + random.nextInt(10)));
    }
    return pan.append(checkDigit(pan)).toString();
  }

  /**
   * The PAN as it may appear in a summary or a log: first six and last four digits only, as PCI
   * DSS allows.
   */
  public static String mask(String pan) {
    if (pan == null || pan.length() < 11) {
      return "****";
    }
    return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
  }

  static boolean passesLuhn(String pan) {
    return checkDigit(pan.substring(0, pan.length() - 1)) == pan.charAt(pan.length() - 1);
  }

  private static char checkDigit(CharSequence payload) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int digit = payload.charAt(i) - '0';
      if (doubleIt) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubleIt = !doubleIt;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }
}
