package dev.baton.portal.deployments;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.deployment.Campaigns;
import dev.baton.tms.deployment.DeploymentRequest;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.parameters.ProfileCatalog;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The deployments page: the tenant's campaigns, newest first, and the form of a new one (what:
 * a package or a profile version; to whom: a group or terminals named by serial number or TID;
 * when: a window in the server's time zone; how many: a rollout percentage).
 */
@Named
@ViewScoped
public class DeploymentsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Something to pick in the form: its id and how the operator knows it. */
  public record Choice(long id, String label) {}

  @Inject private PortalOperator operator;

  private List<Campaigns.Campaign> campaigns = List.of();
  private List<Choice> packages = List.of();
  private List<Choice> profileVersions = List.of();
  private List<FleetStructure.Item> groups = List.of();
  private String name;
  private String content = "PACKAGE";
  private Long packageId;
  private Long profileVersionId;
  private String target = "GROUP";
  private Long groupId;
  private String terminals;
  private LocalDateTime windowStart = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES);
  private LocalDateTime windowEnd = windowStart.plusDays(7);
  private int rolloutPercent = 100;

  @PostConstruct
  void load() {
    campaigns = Attempt.of("deployments", () -> operator.tms().campaigns().list(operator.scope(), 200)).orElse(List.of());
    packages = Attempt.of("create", () -> operator.tms().packages().list(operator.scope())).orElse(List.<SoftwarePackages.PackageView>of())
        .stream().map(p -> new Choice(p.id(), p.name() + " " + p.version() + " (" + p.kind().toLowerCase() + ")")).toList();
    groups = Attempt.of("create", () -> operator.tms().fleet().groups(operator.scope())).orElse(List.of());
    profileVersions = Attempt.of("create", this::versionChoices).orElse(List.of());
  }

  private List<Choice> versionChoices() {
    List<Choice> choices = new ArrayList<>();
    for (ProfileCatalog.Profile profile : operator.tms().profileCatalog().list(operator.scope())) {
      for (ProfileCatalog.PublishedVersion version : operator.tms().profileCatalog().versions(operator.scope(), profile.id())) {
        choices.add(new Choice(version.id(), profile.name() + " version " + version.number()));
      }
    }
    return choices;
  }

  /** Creates the deployment and opens its campaign page. */
  public String create() {
    boolean toGroup = "GROUP".equals(target);
    boolean isPackage = "PACKAGE".equals(content);
    List<String> named = terminals == null ? List.of()
        : Arrays.stream(terminals.split("[\\s,;]+")).filter(t -> !t.isBlank()).distinct().toList();
    if (!toGroup && named.isEmpty()) {
      Attempt.refused("create", List.of(new dev.baton.tms.enrolment.RowProblem(0, "terminals", "name at least one terminal by serial number or TID")));
      return null;
    }
    ZoneId zone = ZoneId.systemDefault();
    return Attempt.of("create", () -> {
      List<Long> terminalIds = toGroup ? List.of() : operator.tms().terminals().resolve(operator.scope(), named);
      return operator.tms().deployments().create(operator.scope(), new DeploymentRequest(name == null ? "" : name.strip(),
          isPackage ? packageId : null, isPackage ? null : profileVersionId, toGroup ? groupId : null, terminalIds,
          windowStart == null ? null : windowStart.atZone(zone).toInstant(), windowEnd == null ? null : windowEnd.atZone(zone).toInstant(),
          rolloutPercent));
    }).map(id -> {
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Deployment " + name + " created", "Its terminals get their task at their next check-in in the window.");
      FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
      return "deployment.xhtml?faces-redirect=true&id=" + id;
    }).orElse(null);
  }

  public List<Campaigns.Campaign> getCampaigns() { return campaigns; }
  public List<Choice> getPackages() { return packages; }
  public List<Choice> getProfileVersions() { return profileVersions; }
  public List<FleetStructure.Item> getGroups() { return groups; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getContent() { return content; }
  public void setContent(String content) { this.content = content; }
  public Long getPackageId() { return packageId; }
  public void setPackageId(Long packageId) { this.packageId = packageId; }
  public Long getProfileVersionId() { return profileVersionId; }
  public void setProfileVersionId(Long profileVersionId) { this.profileVersionId = profileVersionId; }
  public String getTarget() { return target; }
  public void setTarget(String target) { this.target = target; }
  public Long getGroupId() { return groupId; }
  public void setGroupId(Long groupId) { this.groupId = groupId; }
  public String getTerminals() { return terminals; }
  public void setTerminals(String terminals) { this.terminals = terminals; }
  public LocalDateTime getWindowStart() { return windowStart; }
  public void setWindowStart(LocalDateTime windowStart) { this.windowStart = windowStart; }
  public LocalDateTime getWindowEnd() { return windowEnd; }
  public void setWindowEnd(LocalDateTime windowEnd) { this.windowEnd = windowEnd; }
  public int getRolloutPercent() { return rolloutPercent; }
  public void setRolloutPercent(int rolloutPercent) { this.rolloutPercent = rolloutPercent; }
}
