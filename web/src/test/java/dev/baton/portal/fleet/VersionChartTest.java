package dev.baton.portal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionChartTest {

  @Test
  void barsFollowTheDashboardsOrderWithOneBarPerVersion() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("fw-9", 7L);
    counts.put("fw-8", 2L);
    JsonObject chart = Json.createReader(new StringReader(VersionChart.json("terminals", "#123456", counts))).readObject();

    assertEquals("bar", chart.getString("type"));
    assertEquals("y", chart.getJsonObject("options").getString("indexAxis"), "horizontal: long version names stay readable");
    JsonObject data = chart.getJsonObject("data");
    assertEquals(List.of("fw-9", "fw-8"), data.getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(List.of(7, 2), data.getJsonArray("datasets").getJsonObject(0).getJsonArray("data").getValuesAs(jakarta.json.JsonNumber::intValue));
  }
}
