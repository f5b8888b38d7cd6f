package dev.baton.console.nodes;

import dev.baton.operations.status.NodeSample;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A Chart.js line chart (what {@code p:chart} draws) of both nodes' answers per second (left axis)
 * and mean latency in milliseconds (right axis), one point a second, labelled by the time of day.
 */
final class TrafficChart {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final Map<String, String> COLOURS = Map.of("A", "#1e88e5", "B", "#e65100");

  private TrafficChart() {}

  /** The chart's configuration as JSON, for the given histories by node id (A, B). */
  static String json(Map<String, List<NodeSample>> histories) {
    List<NodeSample> longest = histories.values().stream().max(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
    JsonArrayBuilder labels = Json.createArrayBuilder();
    longest.forEach(sample -> labels.add(TIME.format(sample.at())));
    JsonArrayBuilder datasets = Json.createArrayBuilder();
    histories.forEach((node, samples) -> {
      datasets.add(dataset("TPS " + node, node, samples, "y", false, longest.size()));
      datasets.add(dataset("latency ms " + node, node, samples, "latency", true, longest.size()));
    });
    JsonObjectBuilder scales = Json.createObjectBuilder()
        .add("y", Json.createObjectBuilder().add("position", "left").add("beginAtZero", true)
            .add("title", Json.createObjectBuilder().add("display", true).add("text", "answers per second")))
        .add("latency", Json.createObjectBuilder().add("position", "right").add("beginAtZero", true)
            .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
            .add("title", Json.createObjectBuilder().add("display", true).add("text", "latency, ms")));
    return Json.createObjectBuilder()
        .add("type", "line")
        .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add("options", Json.createObjectBuilder()
            .add("animation", false)
            .add("maintainAspectRatio", false)
            .add("elements", Json.createObjectBuilder().add("point", Json.createObjectBuilder().add("radius", 0)))
            .add("scales", scales))
        .build()
        .toString();
  }

  private static JsonObjectBuilder dataset(String label, String node, List<NodeSample> samples, String axis, boolean dashed, int length) {
    JsonArrayBuilder points = Json.createArrayBuilder();
    // a node with a shorter history (it was down) is padded at the start, so the times line up
    for (int i = samples.size(); i < length; i++) {
      points.addNull();
    }
    samples.forEach(sample -> points.add(Math.round((dashed ? sample.latencyMillis() : sample.tps()) * 10) / 10.0));
    JsonObjectBuilder dataset = Json.createObjectBuilder()
        .add("label", label)
        .add("data", points)
        .add("yAxisID", axis)
        .add("borderColor", COLOURS.getOrDefault(node, "#555"))
        .add("borderWidth", 2)
        .add("fill", false);
    if (dashed) {
      dataset.add("borderDash", Json.createArrayBuilder().add(6).add(4));
    }
    return dataset;
  }
}
