package dev.baton.tms.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Transactions;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class TerminalTagsTest {

  @Test
  void tagsAndUntagsATerminalCreatingTheTagOnceAndCountingItsTerminals(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 2);
    Transactions transactions = new Transactions(db);
    TerminalTags tags = new TerminalTags(transactions);
    long first = fleet.terminals().getFirst().terminalId();
    long second = fleet.terminals().get(1).terminalId();

    tags.add(fleet.scope(), first, "mall");
    tags.add(fleet.scope(), first, "mall");
    tags.add(fleet.scope(), second, "mall");
    tags.add(fleet.scope(), first, "kiosk");

    assertEquals(List.of("kiosk", "mall"), tags.of(fleet.scope(), first));
    assertEquals(List.of("kiosk: 1", "mall: 2"),
        new FleetStructure(transactions).tags(fleet.scope()).stream().map(t -> t.name() + ": " + t.terminals()).toList());

    tags.remove(fleet.scope(), first, "mall");
    assertEquals(List.of("kiosk"), tags.of(fleet.scope(), first));
    assertEquals("tag", assertThrows(InvalidInput.class, () -> tags.remove(fleet.scope(), first, "mall")).field());
    assertEquals("tag", assertThrows(InvalidInput.class, () -> tags.add(fleet.scope(), first, "no;semicolons")).field());
  }

  @Test
  void anotherTenantsTerminalIsNeitherReadNorTagged(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 1);
    TestFleet intruder = TestFleet.create(db, 0);
    TerminalTags tags = new TerminalTags(new Transactions(db));
    long terminal = fleet.terminals().getFirst().terminalId();
    assertThrows(NotFound.class, () -> tags.of(intruder.scope(), terminal));
    assertThrows(NotFound.class, () -> tags.add(intruder.scope(), terminal, "mine"));
    assertThrows(NotFound.class, () -> tags.remove(intruder.scope(), terminal, "mine"));
    assertEquals(List.of(), tags.of(fleet.scope(), terminal));
  }
}
