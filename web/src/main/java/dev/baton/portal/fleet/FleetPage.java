package dev.baton.portal.fleet;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.terminal.FleetDashboard;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fleet dashboard: terminals online (checked in within the window) and offline, by status,
 * the firmware and application versions they reported, and failed tasks. Read again on every
 * refresh of the page.
 */
@Named
@ViewScoped
public class FleetPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How many of the tenant's terminals are in one status. */
  public record StatusCount(String status, long terminals) {}

  @Inject private PortalOperator operator;

  private int onlineMinutes = 15;
  private FleetDashboard.Summary summary;

  @PostConstruct
  void load() {
    refresh();
  }

  public void refresh() {
    summary = Attempt.of("fleet", () -> operator.tms().dashboard().summary(operator.scope(), Duration.ofMinutes(onlineMinutes)))
        .orElse(new FleetDashboard.Summary(Map.of(), 0, 0, 0, Map.of(), Map.of(), 0));
  }

  public FleetDashboard.Summary getSummary() {
    return summary;
  }

  public List<StatusCount> getStatuses() {
    return summary.byStatus().entrySet().stream().map(e -> new StatusCount(e.getKey(), e.getValue())).toList();
  }

  public String getFirmwareChart() {
    return VersionChart.json("terminals by firmware", "#1e88e5", summary.firmware());
  }

  public String getApplicationsChart() {
    return VersionChart.json("terminals by application version", "#e65100", summary.applications());
  }

  public boolean isAnyVersions() {
    return !summary.firmware().isEmpty() || !summary.applications().isEmpty();
  }

  public int getOnlineMinutes() {
    return onlineMinutes;
  }

  public void setOnlineMinutes(int onlineMinutes) {
    this.onlineMinutes = Math.clamp(onlineMinutes, 1, 7 * 24 * 60);
  }
}
