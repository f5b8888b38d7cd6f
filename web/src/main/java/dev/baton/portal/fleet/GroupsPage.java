package dev.baton.portal.fleet;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * What the tenant's terminals are enrolled into and selected by: groups (one per terminal, the
 * middle level of parameters and a deployment target), tags, terminal models, merchants and their
 * sites; each with a form to add one.
 */
@Named
@ViewScoped
public class GroupsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private List<FleetStructure.Item> groups = List.of();
  private List<FleetStructure.Item> tags = List.of();
  private List<FleetStructure.Item> models = List.of();
  private List<FleetStructure.Merchant> merchants = List.of();
  private String groupName;
  private String modelCode;
  private String modelVendor;
  private String modelName;
  private String mid;
  private String merchantName;
  private Long siteMerchant;
  private String siteCode;
  private String siteName;

  @PostConstruct
  void load() {
    FleetStructure fleet = operator.tms().fleet();
    groups = Attempt.of("groups", () -> fleet.groups(operator.scope())).orElse(List.of());
    tags = Attempt.of("groups", () -> fleet.tags(operator.scope())).orElse(List.of());
    models = Attempt.of("groups", () -> fleet.models(operator.scope())).orElse(List.of());
    merchants = Attempt.of("groups", () -> fleet.merchants(operator.scope())).orElse(List.of());
  }

  public void addGroup() {
    added("groups", "Group " + groupName, () -> operator.tms().fleet().addGroup(operator.scope(), strip(groupName)));
  }

  public void addModel() {
    added("models", "Model " + modelCode,
        () -> operator.tms().fleet().addModel(operator.scope(), strip(modelCode), strip(modelVendor), modelName == null || modelName.isBlank() ? strip(modelCode) : modelName.strip()));
  }

  public void addMerchant() {
    added("merchants", "Merchant " + mid,
        () -> operator.tms().fleet().addMerchant(operator.scope(), strip(mid).toUpperCase(java.util.Locale.ROOT), merchantName == null || merchantName.isBlank() ? strip(mid) : merchantName.strip()));
  }

  public void addSite() {
    if (siteMerchant == null) {
      Attempt.tell(FacesMessage.SEVERITY_WARN, "No merchant", "Choose the merchant the site belongs to.");
      return;
    }
    added("sites", "Site " + siteCode,
        () -> operator.tms().fleet().addSite(operator.scope(), siteMerchant, strip(siteCode), siteName == null || siteName.isBlank() ? strip(siteCode) : siteName.strip()));
  }

  private void added(String form, String what, Attempt.Call<Long> add) {
    if (Attempt.of(form, add).isPresent()) {
      Attempt.tell(FacesMessage.SEVERITY_INFO, what + " added", "");
      groupName = modelCode = modelVendor = modelName = mid = merchantName = siteCode = siteName = null;
      load();
    }
  }

  /** The merchant's site codes, or a dash. */
  public String sitesOf(FleetStructure.Merchant merchant) {
    return merchant.sites().isEmpty() ? "–" : String.join(", ", merchant.sites());
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  public List<FleetStructure.Item> getGroups() { return groups; }
  public List<FleetStructure.Item> getTags() { return tags; }
  public List<FleetStructure.Item> getModels() { return models; }
  public List<FleetStructure.Merchant> getMerchants() { return merchants; }
  public String getGroupName() { return groupName; }
  public void setGroupName(String groupName) { this.groupName = groupName; }
  public String getModelCode() { return modelCode; }
  public void setModelCode(String modelCode) { this.modelCode = modelCode; }
  public String getModelVendor() { return modelVendor; }
  public void setModelVendor(String modelVendor) { this.modelVendor = modelVendor; }
  public String getModelName() { return modelName; }
  public void setModelName(String modelName) { this.modelName = modelName; }
  public String getMid() { return mid; }
  public void setMid(String mid) { this.mid = mid; }
  public String getMerchantName() { return merchantName; }
  public void setMerchantName(String merchantName) { this.merchantName = merchantName; }
  public Long getSiteMerchant() { return siteMerchant; }
  public void setSiteMerchant(Long siteMerchant) { this.siteMerchant = siteMerchant; }
  public String getSiteCode() { return siteCode; }
  public void setSiteCode(String siteCode) { this.siteCode = siteCode; }
  public String getSiteName() { return siteName; }
  public void setSiteName(String siteName) { this.siteName = siteName; }
}
