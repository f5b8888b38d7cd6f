package dev.baton.tms.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.Transactions;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class FleetStructureTest {

  @Test
  void listsTheTenantsGroupsModelsAndMerchantsWithTheirTerminalsAndSites(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 2);
    TestFleet.create(db, 1);
    FleetStructure structure = new FleetStructure(new Transactions(db));
    long empty = structure.addGroup(fleet.scope(), "empty");
    long merchant = structure.merchants(fleet.scope()).getFirst().id();
    structure.addSite(fleet.scope(), merchant, "north", "North");
    structure.addSite(fleet.scope(), merchant, "east", "East");

    assertEquals(List.of(new FleetStructure.Item(fleet.groupId(), "all", 2), new FleetStructure.Item(empty, "empty", 0)),
        structure.groups(fleet.scope()));
    assertEquals(List.of(new FleetStructure.Item(fleet.modelId(), "M100", 2)), structure.models(fleet.scope()));
    FleetStructure.Merchant only = structure.merchants(fleet.scope()).getFirst();
    assertEquals(fleet.merchantId(), only.id());
    assertEquals(List.of("east", "north"), only.sites());
    assertEquals(1, structure.merchants(fleet.scope()).size(), "another tenant's merchant is not listed");
  }
}
