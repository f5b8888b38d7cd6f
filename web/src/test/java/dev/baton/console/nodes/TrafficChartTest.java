package dev.baton.console.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.operations.status.NodeSample;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficChartTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void eachNodeHasATpsAndALatencyLineOnTheirOwnAxes() {
    Map<String, List<NodeSample>> histories = new LinkedHashMap<>();
    histories.put("A", List.of(new NodeSample(T0, 100, 4.25), new NodeSample(T0.plusSeconds(1), 120, 5)));
    histories.put("B", List.of(new NodeSample(T0.plusSeconds(1), 30, 7)));

    JsonObject chart = Json.createReader(new StringReader(TrafficChart.json(histories))).readObject();
    JsonArray datasets = chart.getJsonObject("data").getJsonArray("datasets");

    assertEquals(2, chart.getJsonObject("data").getJsonArray("labels").size());
    assertEquals(List.of("TPS A", "latency ms A", "TPS B", "latency ms B"),
        datasets.getValuesAs(JsonObject.class).stream().map(d -> d.getString("label")).toList());
    assertEquals("latency", datasets.getJsonObject(1).getString("yAxisID"));
    assertEquals(4.3, datasets.getJsonObject(1).getJsonArray("data").getJsonNumber(0).doubleValue(), 1e-9);
    JsonArray tpsB = datasets.getJsonObject(2).getJsonArray("data");
    assertEquals(jakarta.json.JsonValue.NULL, tpsB.get(0), "B's shorter history is padded at the start");
    assertEquals(30, tpsB.getJsonNumber(1).doubleValue(), 1e-9);
  }
}
