package dev.baton.console.configuration;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.configuration.BankConfiguration;
import dev.baton.operations.configuration.BankSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The banks page: every configured bank, and a form to add or change one. */
@Named
@ViewScoped
public class BanksForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private BankConfiguration banks;
  @Inject private ConsoleAccess access;

  private List<BankSettings> rows;
  private boolean editing;
  private boolean creating;
  private String id;
  private String name;
  private String role;
  private String homeNode;
  private boolean enabled;

  @PostConstruct
  void load() {
    rows = banks.banks();
  }

  public void startNew() {
    fill(new BankSettings("", "", "ACQUIRER", "A", true));
    creating = true;
  }

  public void edit(BankSettings bank) {
    fill(bank);
    creating = false;
  }

  public void cancel() {
    editing = false;
  }

  public void save() {
    if (!access.require("admin", "configuration.bank.save", id)) {
      return;
    }
    try {
      banks.saveBank(new BankSettings(id == null ? null : id.trim(), name, role, homeNode, enabled), access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Bank " + id + " saved", "Its sessions follow within seconds.");
      editing = false;
      load();
    } catch (InvalidConfiguration refusal) {
      FieldErrors.show("bankForm", refusal);
    }
  }

  public void delete(String bankId) {
    if (!access.require("admin", "configuration.bank.delete", bankId)) {
      return;
    }
    try {
      banks.deleteBank(bankId, access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Bank " + bankId + " deleted", "");
    } catch (UnknownItem | InvalidConfiguration e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Bank " + bankId + " not deleted", e.getMessage());
    }
    load();
  }

  private void fill(BankSettings bank) {
    editing = true;
    id = bank.id();
    name = bank.name();
    role = bank.role();
    homeNode = bank.homeNode();
    enabled = bank.enabled();
  }

  public List<BankSettings> getRows() { return rows; }
  public boolean isEditing() { return editing; }
  public boolean isCreating() { return creating; }
  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getRole() { return role; }
  public void setRole(String role) { this.role = role; }
  public String getHomeNode() { return homeNode; }
  public void setHomeNode(String homeNode) { this.homeNode = homeNode; }
  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
