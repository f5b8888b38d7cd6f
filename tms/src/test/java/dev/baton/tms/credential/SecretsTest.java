package dev.baton.tms.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void codesUseEveryCharacterOfTheUnambiguousAlphabetAndNothingElse() {
    Set<Character> seen = new HashSet<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = Secrets.activationCode();
      assertEquals(12, code.length());
      assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{12}"), code);
      codes.add(code);
      code.chars().forEach(c -> seen.add((char) c));
    }
    assertEquals(32, seen.size(), "all 32 characters appear, so no position is stuck");
    assertEquals(2000, codes.size(), "no repeats among 2,000 codes of 60 bits");
  }

  @Test
  void credentialsAreLongAndCodesCompareWithoutDashesBlanksOrCase() {
    assertEquals(52, Secrets.credential().length());
    assertEquals(Secrets.sha256Hex("ABCD1234EFGH"), Secrets.sha256Hex(Secrets.normaliseCode("abcd-1234 efgh")));
  }
}
