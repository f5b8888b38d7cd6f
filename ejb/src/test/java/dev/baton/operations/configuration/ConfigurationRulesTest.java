package dev.baton.operations.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationRulesTest {

  private static final SessionSettings GOOD = SessionSettings.listening("ACQ9-1", "ACQ9", "127.0.0.1", 10091);

  @Test
  void aSessionWithTheTablesDefaultsIsValid() {
    assertEquals(Map.of(), ConfigurationRules.session(GOOD));
  }

  @Test
  void aPortOutsideOneTo65535IsRefusedOnThePortField() {
    for (int port : new int[] {0, -1, 65536, 70000}) {
      SessionSettings bad = withPort(port);
      Map<String, String> errors = ConfigurationRules.session(bad);
      assertEquals(java.util.Set.of("port"), errors.keySet(), "port " + port);
      assertTrue(errors.get("port").contains(Integer.toString(port)), errors.get("port"));
    }
  }

  @Test
  void cidrBlocksAreCheckedOneByOne() {
    assertNull(ConfigurationRules.cidrProblem("127.0.0.1/32"));
    assertNull(ConfigurationRules.cidrProblem("10.0.0.0/8, 192.168.1.0/24"));
    assertNull(ConfigurationRules.cidrProblem("::1/128"));
    assertTrue(ConfigurationRules.cidrProblem("127.0.0.1").contains("not a CIDR block"));
    assertTrue(ConfigurationRules.cidrProblem("10.0.0.0/33").contains("between 0 and 32"));
    assertTrue(ConfigurationRules.cidrProblem("10.0.0.256/32").contains("256"));
    assertTrue(ConfigurationRules.cidrProblem("10.0.0.0/8, bank.example/24").contains("bank.example"));
    assertTrue(ConfigurationRules.cidrProblem("10.0.0.0/x").contains("not a number"));
    assertTrue(ConfigurationRules.cidrProblem(" ").contains("required"));
  }

  @Test
  void aBadCidrIsRefusedOnTheAllowedSourcesField() {
    SessionSettings bad = new SessionSettings("S", "B", "LISTEN", "127.0.0.1", 10091, "10.0.0.0/99", "BINARY2", "ISO87B",
        0, 0, 1000, 8192, 5, true);
    assertEquals(java.util.Set.of("allowedSources"), ConfigurationRules.session(bad).keySet());
  }

  @Test
  void unknownModeFramingAndPackagerAreNamedWithTheAllowedValues() {
    SessionSettings bad = new SessionSettings("S", "B", "ACCEPT", "127.0.0.1", 10091, "127.0.0.1/32", "LINES", "XML",
        0, 0, 1000, 8192, 5, true);
    Map<String, String> errors = ConfigurationRules.session(bad);
    assertEquals(java.util.Set.of("mode", "framing", "packager"), errors.keySet());
    assertTrue(errors.get("mode").contains("DIAL, LISTEN"), errors.get("mode"));
  }

  @Test
  void aBinPrefixIsOneToNineteenDigits() {
    assertEquals(Map.of(), ConfigurationRules.binRange(new BinRange("4571", "ISS1")));
    assertTrue(ConfigurationRules.binRange(new BinRange("45a1", "ISS1")).containsKey("prefix"));
    assertTrue(ConfigurationRules.binRange(new BinRange("12345678901234567890", "ISS1")).containsKey("prefix"));
    assertTrue(ConfigurationRules.binRange(new BinRange("4", " ")).containsKey("issuerId"));
  }

  @Test
  void aRuleNeedsWhatItsActionUses() {
    assertTrue(ConfigurationRules.fieldCorrection(rule("SET", null, null, null, null, null)).containsKey("value"));
    assertTrue(ConfigurationRules.fieldCorrection(rule("COPY", null, null, null, null, null)).containsKey("fromField"));
    assertEquals(java.util.Set.of("padSide", "padChar", "padLength"),
        ConfigurationRules.fieldCorrection(rule("PAD", null, null, "MIDDLE", "", 0)).keySet());
    assertEquals(Map.of(), ConfigurationRules.fieldCorrection(rule("PAD", null, null, "LEFT", "0", 12)));
    assertEquals(Map.of(), ConfigurationRules.fieldCorrection(rule("STRIP", null, null, null, null, null)));
  }

  @Test
  void aBankNeedsAnIdANameARoleAndAHomeNode() {
    assertEquals(Map.of(), ConfigurationRules.bank(new BankSettings("ACQ9", "Acquirer 9", "ACQUIRER", "B", true)));
    assertEquals(java.util.Set.of("id", "name", "role", "homeNode"),
        ConfigurationRules.bank(new BankSettings("ACQ 9", " ", "MERCHANT", "C", true)).keySet());
  }

  private static SessionSettings withPort(int port) {
    return new SessionSettings(GOOD.id(), GOOD.bankId(), GOOD.mode(), GOOD.host(), port, GOOD.allowedSources(),
        GOOD.framing(), GOOD.packager(), GOOD.echoIntervalMs(), GOOD.idleTimeoutMs(), GOOD.readTimeoutMs(),
        GOOD.maxFrameSize(), GOOD.badFramesToClose(), GOOD.enabled());
  }

  private static FieldCorrection rule(String action, String value, Integer from, String side, String padChar, Integer length) {
    return new FieldCorrection(null, "ACQ1", "INBOUND", 0, action, 41, value, from, side, padChar, length, true);
  }
}
