package dev.baton.console.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {

  @Test
  void theCsvExportReadsBackTheFilterThePageShows() {
    HistoryQuery page = new HistoryQuery();
    page.setActor("operator");
    page.setBank("ACQ1");
    page.setFrom("2026-11-23T08:00:00Z");
    String query = page.queryString();
    assertEquals("actor=operator&bank=ACQ1&from=2026-11-23T08%3A00%3A00Z", query);

    Map<String, String[]> parameters = new java.util.HashMap<>();
    for (String part : query.split("&")) {
      String[] pair = part.split("=", 2);
      parameters.put(pair[0], new String[] {java.net.URLDecoder.decode(pair[1], java.nio.charset.StandardCharsets.UTF_8)});
    }
    HistoryQuery export = HistoryQuery.of(parameters);
    assertEquals(page.filter(), export.filter());
    assertEquals(Instant.parse("2026-11-23T08:00:00Z"), export.filter().from());
  }

  @Test
  void aTimeThatDoesNotParseIsNamedWithTheFormToWriteIt() {
    HistoryQuery query = new HistoryQuery();
    query.setTo("yesterday");
    assertTrue(query.problem().contains("'yesterday'"), query.problem());
    assertTrue(query.problem().contains("2026-11-23 08:00"), query.problem());
    query.setTo("2026-11-23 08:00");
    assertNull(query.problem());
  }
}
