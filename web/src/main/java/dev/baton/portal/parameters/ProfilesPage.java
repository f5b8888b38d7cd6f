package dev.baton.portal.parameters;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.parameters.ProfileCatalog;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The tenant's parameter profiles, and a form to create one with its typed parameters. */
@Named
@ViewScoped
public class ProfilesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private List<ProfileCatalog.Profile> profiles = List.of();
  private List<FleetStructure.Item> models = List.of();
  private String name;
  private String application;
  private Long modelId;
  private String parameters;

  @PostConstruct
  void load() {
    profiles = Attempt.of("profiles", () -> operator.tms().profileCatalog().list(operator.scope())).orElse(List.of());
    models = Attempt.of("profiles", () -> operator.tms().fleet().models(operator.scope())).orElse(List.of());
  }

  public String create() {
    return Attempt.of("create", () -> operator.tms().profiles().create(operator.scope(), name == null ? "" : name.strip(),
        application == null ? "" : application.strip(), modelId, DefinitionLines.parse(parameters))).map(id -> {
          Attempt.tell(FacesMessage.SEVERITY_INFO, "Profile " + name + " created", "Set its values to publish version 1.");
          FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
          return "profile.xhtml?faces-redirect=true&id=" + id;
        }).orElse(null);
  }

  public List<ProfileCatalog.Profile> getProfiles() { return profiles; }
  public List<FleetStructure.Item> getModels() { return models; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getApplication() { return application; }
  public void setApplication(String application) { this.application = application; }
  public Long getModelId() { return modelId; }
  public void setModelId(Long modelId) { this.modelId = modelId; }
  public String getParameters() { return parameters; }
  public void setParameters(String parameters) { this.parameters = parameters; }
}
