package dev.baton.tms.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class ParameterProfilesTest {

  private static final List<ParameterDefinition> DEFINITIONS =
      List.of(
          new ParameterDefinition("timeout", ParameterType.INTEGER, 5L, 120L, null, "30"),
          new ParameterDefinition("tip", ParameterType.BOOLEAN, null, null, null, "false"));

  @Test
  void versionsInheritTenantGroupTerminalAndDiffShowsWhatChangedForOneTerminal(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 2);
    ParameterProfiles profiles = new ParameterProfiles(new Transactions(db));
    long profile = profiles.create(fleet.scope(), "retail", "pay", fleet.modelId(), DEFINITIONS);
    long terminal = fleet.terminals().getFirst().terminalId();
    long other = fleet.terminals().get(1).terminalId();

    profiles.publish(fleet.scope(), profile, List.of(new ValueChange(Level.TENANT, 0, "timeout", "45")));
    profiles.publish(fleet.scope(), profile, List.of(
        new ValueChange(Level.GROUP, fleet.groupId(), "tip", "true"),
        new ValueChange(Level.TERMINAL, terminal, "timeout", "90")));

    assertEquals(new EffectiveParameters.Value("90", Level.TERMINAL), profiles.effective(fleet.scope(), profile, 2, terminal).get("timeout"));
    assertEquals(new EffectiveParameters.Value("45", Level.TENANT), profiles.effective(fleet.scope(), profile, 2, other).get("timeout"));
    assertEquals(new EffectiveParameters.Value("true", Level.GROUP), profiles.effective(fleet.scope(), profile, 2, other).get("tip"));
    assertEquals(
        List.of(
            new EffectiveParameters.Change("timeout", new EffectiveParameters.Value("45", Level.TENANT), new EffectiveParameters.Value("90", Level.TERMINAL)),
            new EffectiveParameters.Change("tip", new EffectiveParameters.Value("false", Level.DEFAULT), new EffectiveParameters.Value("true", Level.GROUP))),
        profiles.diff(fleet.scope(), profile, 1, 2, terminal));
    assertEquals(1, countAudit(db, fleet.scope().actor(), "tms.profile.create"));
    assertEquals(2, countAudit(db, fleet.scope().actor(), "tms.profile.publish"));
  }

  @Test
  void refusesAValueOfTheWrongTypeAndPublishesNothing(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 0);
    ParameterProfiles profiles = new ParameterProfiles(new Transactions(db));
    long profile = profiles.create(fleet.scope(), "retail", "pay", null, DEFINITIONS);
    InvalidInput refused = assertThrows(InvalidInput.class,
        () -> profiles.publish(fleet.scope(), profile, List.of(new ValueChange(Level.TENANT, 0, "timeout", "500"))));
    assertEquals("timeout", refused.field());
    assertEquals("500 is above the maximum 120", refused.reason());
    ParameterProfiles.Version first = profiles.publish(fleet.scope(), profile, List.of());
    assertEquals(1, first.number(), "the refused change used no version number");
  }

  private static long countAudit(DataSource db, String actor, String action) {
    return new Transactions(db).inTransaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE actor = ? AND action = ?")) {
        select.setString(1, actor);
        select.setString(2, action);
        try (ResultSet r = select.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      }
    });
  }
}
