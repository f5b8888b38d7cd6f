package dev.baton.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecordResolverTest {

  record Bank(String id, String node) {
    public boolean onA() {
      return "A".equals(node);
    }

    public static String shout() {
      return "no";
    }
  }

  @Test
  void aRecordsComponentsAndDerivedValuesAreReadByName() throws Exception {
    Bank bank = new Bank("ACQ1", "A");
    assertEquals("A", RecordResolver.accessor(bank, "node").invoke(bank));
    assertEquals(true, RecordResolver.accessor(bank, "onA").invoke(bank));
  }

  @Test
  void otherObjectsUnknownNamesAndStaticMethodsAreLeftToOtherResolvers() {
    assertNull(RecordResolver.accessor("text", "length"));
    assertNull(RecordResolver.accessor(new Bank("ACQ1", "A"), "missing"));
    assertNull(RecordResolver.accessor(new Bank("ACQ1", "A"), "shout"));
    assertNull(RecordResolver.accessor(new Bank("ACQ1", "A"), 3));
  }
}
