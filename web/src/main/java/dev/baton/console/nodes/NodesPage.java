package dev.baton.console.nodes;

import dev.baton.operations.status.NodeSample;
import dev.baton.operations.status.NodeStatus;
import dev.baton.operations.status.OperationsStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Both nodes as the edge sees them, and their last minutes of traffic. Read once per request. */
@Named
@RequestScoped
public class NodesPage {

  /** How much history the chart shows. */
  private static final int CHART_SECONDS = 300;

  @EJB private OperationsStatus status;

  private List<NodeStatus> nodes;
  private String chart;

  public List<NodeStatus> getNodes() {
    if (nodes == null) {
      nodes = status.nodes();
    }
    return nodes;
  }

  public String getChart() {
    if (chart == null) {
      Map<String, List<NodeSample>> histories = new LinkedHashMap<>();
      for (String node : List.of("A", "B")) {
        List<NodeSample> samples = status.history(node);
        histories.put(node, samples.subList(Math.max(0, samples.size() - CHART_SECONDS), samples.size()));
      }
      chart = TrafficChart.json(histories);
    }
    return chart;
  }

  public String severity(String state) {
    return switch (state) {
      case "UP" -> "success";
      case "SUSPECT" -> "warning";
      default -> "danger";
    };
  }

  public String banksOf(NodeStatus node) {
    return node.banks().isEmpty() ? "none" : String.join(", ", node.banks());
  }

  /** "120 ms", "never". */
  public String heartbeatAge(NodeStatus node) {
    if (node.heartbeatAgeMillis() < 0) {
      return "never";
    }
    return node.heartbeatAgeMillis() < 10_000 ? node.heartbeatAgeMillis() + " ms ago" : node.heartbeatAgeMillis() / 1000 + " s ago";
  }
}
