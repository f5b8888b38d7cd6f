package dev.baton.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryFilterTest {

  @Test
  void noFilterSelectsEverything() {
    HistoryFilter.Where where = HistoryFilter.all().where("actor", "action", "bank = ?", "at");
    assertEquals("", where.sql());
    assertEquals(List.of(), where.parameters());
  }

  @Test
  void eachGivenPartAddsOneConditionWithItsParameterInOrder() {
    Instant from = Instant.parse("2026-11-23T08:00:00Z");
    Instant to = Instant.parse("2026-11-23T09:00:00Z");
    HistoryFilter.Where where =
        new HistoryFilter(" operator ", "session.", "ACQ1", from, to).where("actor", "action", "bank = ?", "at");
    assertEquals(" WHERE actor = ? AND action LIKE ? AND bank = ? AND at >= ? AND at < ?", where.sql());
    assertEquals(List.of("operator", "session.%", "ACQ1", Timestamp.from(from), Timestamp.from(to)), where.parameters());
  }

  @Test
  void likeWildcardsInWhatAreTakenLiterally() {
    HistoryFilter.Where where = new HistoryFilter(null, "a_b%", null, null, null).where("actor", "action", "b = ?", "at");
    assertEquals(List.of("a\\_b\\%%"), where.parameters());
  }
}
