package dev.baton.tms.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.device.Activation;
import dev.baton.tms.device.CheckIns;
import dev.baton.tms.device.Inventory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class FleetDashboardTest {

  @Test
  void countsStatusesPresenceAndVersionsInTheField(DataSource db) throws Exception {
    TestFleet fleet = TestFleet.create(db, 3);
    Transactions transactions = new Transactions(db);
    Activation activation = new Activation(transactions);
    try (CheckIns checkIns = new CheckIns(db, 1, Executors.defaultThreadFactory())) {
      for (int i = 0; i < 2; i++) {
        var code = fleet.terminals().get(i);
        var activated = activation.activate(code.serialNumber(), code.activationCode());
        checkIns.checkIn(activated.terminalId(), activated.credential(), new Inventory("fw-9", null, null, null, null, Map.of("pay", "3." + i)));
      }
    }
    transactions.inTransaction(connection -> {
      try (var age = connection.prepareStatement("UPDATE tms_terminal_checkin SET at = now() - interval '1 hour' WHERE terminal_id = ?")) {
        age.setLong(1, fleet.terminals().getFirst().terminalId());
        age.executeUpdate();
      }
      return null;
    });

    FleetDashboard.Summary summary = new FleetDashboard(transactions).summary(fleet.scope(), Duration.ofMinutes(15));

    assertEquals(Map.of("ACTIVE", 2L, "REGISTERED", 1L), summary.byStatus());
    assertEquals(1, summary.online());
    assertEquals(1, summary.offline(), "checked in an hour ago");
    assertEquals(Map.of("fw-9", 2L), summary.firmware());
    assertEquals(Map.of("pay 3.0", 1L, "pay 3.1", 1L), summary.applications());
  }
}
