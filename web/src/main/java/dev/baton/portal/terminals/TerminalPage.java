package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.deployment.Campaigns;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The page of one terminal ({@code terminal.xhtml?id=}): who it is, its status and what changes
 * it, what it reported at its last check-in and the versions it runs, its tasks, its tags and
 * group, the last authorization the switch carried for its TID. Another tenant's terminal is not
 * found, exactly like one that does not exist.
 */
@Named
@ViewScoped
public class TerminalPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private long id;
  private TerminalView terminal;
  private List<String> tags = List.of();
  private List<Campaigns.Assignment> tasks = List.of();
  private List<FleetStructure.Item> groups = List.of();
  private Long groupId;
  private String newTag;
  private String reason;

  /** Reads the terminal named by the page's {@code id}; leaves nothing shown when it is not the tenant's. */
  public void load() {
    terminal = Attempt.of("terminal", () -> operator.tms().terminals().view(operator.scope(), id)).orElse(null);
    if (terminal == null) {
      return;
    }
    tags = Attempt.of("terminal", () -> operator.tms().tags().of(operator.scope(), id)).orElse(List.of());
    tasks = Attempt.of("terminal", () -> operator.tms().campaigns().ofTerminal(operator.scope(), id)).orElse(List.of());
    groups = Attempt.of("terminal", () -> operator.tms().fleet().groups(operator.scope())).orElse(List.of());
    groupId = groups.stream().filter(g -> g.name().equals(terminal.group())).map(FleetStructure.Item::id).findFirst().orElse(null);
  }

  public void block() {
    change(TerminalStatus.BLOCKED);
  }

  public void unblock() {
    change(TerminalStatus.ACTIVE);
  }

  public void decommission() {
    change(TerminalStatus.DECOMMISSIONED);
  }

  public void moveToGroup() {
    if (Attempt.run("terminal", () -> operator.tms().terminals().moveToGroup(operator.scope(), id, groupId))) {
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Group changed", groupId == null ? "The terminal is in no group." : "The terminal moved.");
      load();
    }
  }

  public void addTag() {
    if (Attempt.run("terminal", () -> operator.tms().tags().add(operator.scope(), id, newTag == null ? "" : newTag.strip()))) {
      newTag = null;
      load();
    }
  }

  public void removeTag(String tag) {
    if (Attempt.run("terminal", () -> operator.tms().tags().remove(operator.scope(), id, tag))) {
      load();
    }
  }

  public void requestLogs() {
    Attempt.of("terminal", () -> operator.tms().tasks().requestLogs(operator.scope(), id)).ifPresent(task -> {
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Logs asked for", "The terminal sends them at its next check-in (task " + task + ").");
      load();
    });
  }

  private void change(TerminalStatus target) {
    if (StatusChanges.apply(operator, "terminal", id, target, reason).isPresent()) {
      reason = null;
      load();
    }
  }

  /** The applications of the last check-in, by name. */
  public List<InstalledVersions.Application> getApplications() {
    return terminal == null || terminal.lastCheckIn() == null ? List.of() : InstalledVersions.of(terminal.lastCheckIn().applications());
  }

  public String getLastResponse() {
    return terminal == null || terminal.lastAuthorization() == null ? "" : ResponseCodes.describe(terminal.lastAuthorization().responseCode());
  }

  public long getId() { return id; }
  public void setId(long id) { this.id = id; }
  public TerminalView getTerminal() { return terminal; }
  public List<String> getTags() { return tags; }
  public List<Campaigns.Assignment> getTasks() { return tasks; }
  public List<FleetStructure.Item> getGroups() { return groups; }
  public Long getGroupId() { return groupId; }
  public void setGroupId(Long groupId) { this.groupId = groupId; }
  public String getNewTag() { return newTag; }
  public void setNewTag(String newTag) { this.newTag = newTag; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
}
