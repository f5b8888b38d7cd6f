package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.parameters.EffectiveParameters;
import dev.baton.tms.parameters.ProfileCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The parameters of the terminal on its page: under one version of a profile, the value of each
 * parameter and the level it comes from (terminal, group, tenant or default); and what changes
 * for this terminal between two versions.
 */
@Named
@ViewScoped
public class TerminalParameters implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A parameter's value for this terminal and the level it comes from. */
  public record Setting(String name, EffectiveParameters.Value value) {}

  @Inject private PortalOperator operator;
  @Inject private TerminalPage page;

  private List<ProfileCatalog.Profile> profiles = List.of();
  private Long profileId;
  private int version;
  private int from;
  private List<Setting> effective = List.of();
  private List<EffectiveParameters.Change> diff;

  @PostConstruct
  void load() {
    profiles = Attempt.of("parameters", () -> operator.tms().profileCatalog().list(operator.scope())).orElse(List.of());
    profiles.stream().filter(p -> p.latestVersion() > 0).findFirst().ifPresent(p -> {
      profileId = p.id();
      version = p.latestVersion();
      from = Math.max(1, version - 1);
    });
  }

  /** Reads the effective values for the chosen profile and version (nothing for a terminal not found). */
  public void show() {
    diff = null;
    if (page.getTerminal() == null || profileId == null || version < 1) {
      effective = List.of();
      return;
    }
    effective = Attempt.of("parameters", () -> operator.tms().profiles().effective(operator.scope(), profileId, version, page.getId()))
        .map(values -> values.entrySet().stream().map(e -> new Setting(e.getKey(), e.getValue())).toList()).orElse(List.of());
  }

  /** Compares version {@code from} with the shown version for this terminal. */
  public void compare() {
    if (profileId != null) {
      diff = Attempt.of("parameters", () -> operator.tms().profiles().diff(operator.scope(), profileId, from, version, page.getId())).orElse(null);
    }
  }

  /** The profile was changed: show its latest version. */
  public void profileChosen() {
    version = profiles.stream().filter(p -> p.id() == (profileId == null ? -1 : profileId)).mapToInt(ProfileCatalog.Profile::latestVersion).findFirst().orElse(0);
    from = Math.max(1, version - 1);
    show();
  }

  /** The versions of the chosen profile, newest first. */
  public List<Integer> getVersions() {
    int latest = profiles.stream().filter(p -> profileId != null && p.id() == profileId).mapToInt(ProfileCatalog.Profile::latestVersion).findFirst().orElse(0);
    return IntStream.iterate(latest, n -> n >= 1, n -> n - 1).boxed().toList();
  }

  public List<ProfileCatalog.Profile> getProfiles() { return profiles; }
  public Long getProfileId() { return profileId; }
  public void setProfileId(Long profileId) { this.profileId = profileId; }
  public int getVersion() { return version; }
  public void setVersion(int version) { this.version = version; }
  public int getFrom() { return from; }
  public void setFrom(int from) { this.from = from; }
  public List<Setting> getEffective() { return effective; }
  public List<EffectiveParameters.Change> getDiff() { return diff; }
}
