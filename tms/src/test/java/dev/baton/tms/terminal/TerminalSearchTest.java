package dev.baton.tms.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.tms.TestDatabase;
import dev.baton.tms.TestFleet;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.enrolment.ImportReport;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class TerminalSearchTest {

  private static List<Long> ids(List<TerminalView> views) {
    return views.stream().map(TerminalView::id).toList();
  }

  @Test
  void findsTerminalsByPartOfTheirSerialOrTidInAnyCaseByStatusAndByGroup(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 3);
    Transactions transactions = new Transactions(db);
    Terminals terminals = new Terminals(transactions);
    ImportReport.IssuedCode first = fleet.terminals().getFirst();
    ImportReport.IssuedCode second = fleet.terminals().get(1);
    terminals.changeStatus(fleet.scope(), second.terminalId(), TerminalStatus.BLOCKED, "lost");
    long other = new FleetStructure(transactions).addGroup(fleet.scope(), "other");
    terminals.moveToGroup(fleet.scope(), fleet.terminals().get(2).terminalId(), other);

    assertEquals(List.of(first.terminalId()),
        ids(terminals.search(fleet.scope(), new TerminalQuery(first.serialNumber().substring(3).toLowerCase(), null, null), 0, 10)));
    assertEquals(List.of(first.terminalId()),
        ids(terminals.search(fleet.scope(), new TerminalQuery(first.tid(), null, null), 0, 10)));
    assertEquals(List.of(second.terminalId()),
        ids(terminals.search(fleet.scope(), new TerminalQuery(" ", TerminalStatus.BLOCKED, null), 0, 10)));
    assertEquals(List.of(first.terminalId(), second.terminalId()),
        ids(terminals.search(fleet.scope(), new TerminalQuery(null, null, fleet.groupId()), 0, 10)));
    assertEquals(List.of(), ids(terminals.search(fleet.scope(), new TerminalQuery("%", null, null), 0, 10)), "% is a character, not a wildcard");
    assertEquals(List.of(second.terminalId()), ids(terminals.search(fleet.scope(), TerminalQuery.ALL, first.terminalId(), 1)), "a page after an id");
  }

  @Test
  void resolvesSerialNumbersAndTidsOfTheTenantOnlyNamingTheFirstUnknown(DataSource db) {
    TestFleet fleet = TestFleet.create(db, 2);
    TestFleet stranger = TestFleet.create(db, 1);
    Terminals terminals = new Terminals(new Transactions(db));
    ImportReport.IssuedCode first = fleet.terminals().getFirst();
    ImportReport.IssuedCode second = fleet.terminals().get(1);

    assertEquals(List.of(second.terminalId(), first.terminalId()),
        terminals.resolve(fleet.scope(), List.of(second.tid().toLowerCase(), first.serialNumber(), first.tid())));
    String foreign = stranger.terminals().getFirst().serialNumber();
    NotFound refused = assertThrows(NotFound.class, () -> terminals.resolve(fleet.scope(), List.of(first.tid(), foreign)));
    assertEquals("terminal " + foreign + " not found", refused.getMessage());
  }
}
