package dev.baton.tms.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.db.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

  @Test
  void writesApplicationsAsJsonEscapingQuotesAndControls() {
    Inventory inventory = new Inventory(null, null, null, null, null, Map.of("pay\"app", "1.0\n", "emv", "2"));
    assertEquals("{\"emv\":\"2\",\"pay\\\"app\":\"1.0\\u000a\"}", inventory.applicationsJson());
  }

  @Test
  void refusesABatteryLevelOutsidePercent() {
    InvalidInput refused = assertThrows(InvalidInput.class, () -> new Inventory(null, 101, null, null, null, null));
    assertEquals("batteryPercent", refused.field());
  }
}
