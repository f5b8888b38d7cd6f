package dev.baton.tms.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Transactions;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class ProfileCatalogTest {

  private static final List<ParameterDefinition> DEFINITIONS =
      List.of(new ParameterDefinition("timeout", ParameterType.INTEGER, 5L, 120L, null, "30"));

  @Test
  void listsProfilesWithTheirLatestVersionAndTheValuesEachVersionSetsByLevel(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 1);
    Transactions transactions = new Transactions(db);
    ParameterProfiles profiles = new ParameterProfiles(transactions);
    ProfileCatalog catalog = new ProfileCatalog(transactions);
    long terminal = fleet.terminals().getFirst().terminalId();
    long profile = profiles.create(fleet.scope(), "retail", "pay", fleet.modelId(), DEFINITIONS);
    profiles.publish(fleet.scope(), profile, List.of(new ValueChange(Level.TENANT, 0, "timeout", "45")));
    profiles.publish(fleet.scope(), profile, List.of(
        new ValueChange(Level.TERMINAL, terminal, "timeout", "90"), new ValueChange(Level.GROUP, fleet.groupId(), "timeout", "60")));

    assertEquals(List.of(new ProfileCatalog.Profile(profile, "retail", "pay", "M100", 2, DEFINITIONS)), catalog.list(fleet.scope()));
    assertEquals(List.of(2, 1), catalog.versions(fleet.scope(), profile).stream().map(ProfileCatalog.PublishedVersion::number).toList());
    assertEquals(fleet.scope().actor(), catalog.versions(fleet.scope(), profile).getFirst().createdBy());
    assertEquals(
        List.of(
            new ProfileCatalog.SetValue(Level.TENANT, 0, "", "timeout", "45"),
            new ProfileCatalog.SetValue(Level.GROUP, fleet.groupId(), "all", "timeout", "60"),
            new ProfileCatalog.SetValue(Level.TERMINAL, terminal, fleet.terminals().getFirst().serialNumber(), "timeout", "90")),
        catalog.values(fleet.scope(), profile, 2));
    assertEquals(List.of(new ProfileCatalog.SetValue(Level.TENANT, 0, "", "timeout", "45")), catalog.values(fleet.scope(), profile, 1));
  }

  @Test
  void anotherTenantsProfileIsNotFound(DataSource db) {
    TestFleet owner = TestFleet.create(db, 0);
    TestFleet intruder = TestFleet.create(db, 0);
    Transactions transactions = new Transactions(db);
    long profile = new ParameterProfiles(transactions).create(owner.scope(), "retail", "pay", null, DEFINITIONS);
    ProfileCatalog catalog = new ProfileCatalog(transactions);
    assertThrows(NotFound.class, () -> catalog.find(intruder.scope(), profile));
    assertThrows(NotFound.class, () -> catalog.versions(intruder.scope(), profile));
    assertThrows(NotFound.class, () -> catalog.values(intruder.scope(), profile, 1));
    assertEquals(List.of(), catalog.list(intruder.scope()));
    assertEquals("retail", catalog.find(owner.scope(), profile).name());
  }
}
