package dev.baton.portal.parameters;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.parameters.Level;
import dev.baton.tms.parameters.ParameterDefinition;
import dev.baton.tms.parameters.ProfileCatalog;
import dev.baton.tms.parameters.ValueChange;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One parameter profile ({@code profile.xhtml?id=}): its parameters, its versions and the values
 * each sets; setting (or removing) a value for the tenant, a group or one terminal publishes the
 * next version, the latest with that change. Another tenant's profile is not found.
 */
@Named
@ViewScoped
public class ProfilePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private long id;
  private ProfileCatalog.Profile profile;
  private List<ProfileCatalog.PublishedVersion> versions = List.of();
  private int shown;
  private List<ProfileCatalog.SetValue> values = List.of();
  private List<FleetStructure.Item> groups = List.of();
  private Level level = Level.TENANT;
  private Long groupId;
  private String terminal;
  private String parameter;
  private String value;

  /** Reads the profile named by the page's {@code id}, and its latest version's values. */
  public void load() {
    profile = Attempt.of("profile", () -> operator.tms().profileCatalog().find(operator.scope(), id)).orElse(null);
    if (profile == null) {
      return;
    }
    versions = Attempt.of("profile", () -> operator.tms().profileCatalog().versions(operator.scope(), id)).orElse(List.of());
    groups = Attempt.of("profile", () -> operator.tms().fleet().groups(operator.scope())).orElse(List.of());
    shown = profile.latestVersion();
    if (parameter == null && !profile.parameters().isEmpty()) {
      parameter = profile.parameters().getFirst().name();
    }
    showValues();
  }

  public void showValues() {
    values = shown < 1 ? List.of() : Attempt.of("profile", () -> operator.tms().profileCatalog().values(operator.scope(), id, shown)).orElse(List.of());
  }

  /** Publishes the next version with the value set (or removed, when left empty) at the chosen level. */
  public void publish() {
    Optional<Long> scopeId = switch (level) {
      case TENANT -> Optional.of(0L);
      case GROUP -> Optional.ofNullable(groupId);
      case TERMINAL -> Attempt.of("change",
          () -> operator.tms().terminals().resolve(operator.scope(), List.of(terminal == null ? "" : terminal.strip())).getFirst());
      case DEFAULT -> Optional.empty();
    };
    if (scopeId.isEmpty()) {
      Attempt.tell(FacesMessage.SEVERITY_WARN, "Not published", level == Level.GROUP ? "Choose the group." : "Name the terminal.");
      return;
    }
    String newValue = value == null || value.isEmpty() ? null : value;
    Attempt.of("change", () -> operator.tms().profiles().publish(operator.scope(), id, List.of(new ValueChange(level, scopeId.get(), parameter, newValue))))
        .ifPresent(published -> {
          Attempt.tell(FacesMessage.SEVERITY_INFO, "Version " + published.number() + " published",
              newValue == null ? parameter + " removed at " + level : parameter + " = " + newValue + " at " + level);
          value = null;
          load();
        });
  }

  /** "5..120", "at most 40 characters", or nothing. */
  public String allowed(ParameterDefinition definition) {
    if (definition.min() != null || definition.max() != null) {
      return (definition.min() == null ? "" : definition.min()) + ".." + (definition.max() == null ? "" : definition.max());
    }
    return definition.maxLength() == null ? "" : "at most " + definition.maxLength() + " characters";
  }

  public Level[] getLevels() {
    return new Level[] {Level.TENANT, Level.GROUP, Level.TERMINAL};
  }

  public long getId() { return id; }
  public void setId(long id) { this.id = id; }
  public ProfileCatalog.Profile getProfile() { return profile; }
  public List<ProfileCatalog.PublishedVersion> getVersions() { return versions; }
  public List<ProfileCatalog.SetValue> getValues() { return values; }
  public List<FleetStructure.Item> getGroups() { return groups; }
  public int getShown() { return shown; }
  public void setShown(int shown) { this.shown = shown; }
  public Level getLevel() { return level; }
  public void setLevel(Level level) { this.level = level; }
  public Long getGroupId() { return groupId; }
  public void setGroupId(Long groupId) { this.groupId = groupId; }
  public String getTerminal() { return terminal; }
  public void setTerminal(String terminal) { this.terminal = terminal; }
  public String getParameter() { return parameter; }
  public void setParameter(String parameter) { this.parameter = parameter; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
}
