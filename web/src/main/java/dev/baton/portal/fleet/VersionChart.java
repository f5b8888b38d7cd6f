package dev.baton.portal.fleet;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Map;

/**
 * A Chart.js horizontal bar chart (what {@code p:chart} draws) of how many terminals run each
 * version, most common first, as the dashboard reads them.
 */
final class VersionChart {

  private VersionChart() {}

  /** The chart's configuration as JSON; {@code counts} maps "name version" to terminals. */
  static String json(String label, String colour, Map<String, Long> counts) {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder values = Json.createArrayBuilder();
    counts.forEach((version, terminals) -> {
      labels.add(version);
      values.add(terminals);
    });
    return Json.createObjectBuilder()
        .add("type", "bar")
        .add("data", Json.createObjectBuilder()
            .add("labels", labels)
            .add("datasets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("label", label)
                .add("data", values)
                .add("backgroundColor", colour))))
        .add("options", Json.createObjectBuilder()
            .add("indexAxis", "y")
            .add("animation", false)
            .add("maintainAspectRatio", false)
            .add("scales", Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("beginAtZero", true)
                    .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
        .build()
        .toString();
  }
}
