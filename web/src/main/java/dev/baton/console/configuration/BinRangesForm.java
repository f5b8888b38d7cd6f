package dev.baton.console.configuration;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.configuration.BankConfiguration;
import dev.baton.operations.configuration.BankSettings;
import dev.baton.operations.configuration.BinRange;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The BIN ranges page: every range, a form to add one, and deletion. */
@Named
@ViewScoped
public class BinRangesForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private BankConfiguration banks;
  @Inject private ConsoleAccess access;

  private List<BinRange> rows;
  private List<String> issuers;
  private String prefix;
  private String issuerId;

  @PostConstruct
  void load() {
    rows = banks.binRanges();
    issuers = banks.banks().stream().filter(bank -> !"ACQUIRER".equals(bank.role())).map(BankSettings::id).toList();
  }

  public void add() {
    if (!access.require("admin", "configuration.bin-range.add", prefix)) {
      return;
    }
    try {
      banks.addBinRange(new BinRange(prefix == null ? null : prefix.trim(), issuerId), access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "BIN " + prefix + " → " + issuerId, "The nodes route by it within seconds.");
      prefix = null;
      load();
    } catch (InvalidConfiguration refusal) {
      FieldErrors.show("binForm", refusal);
    }
  }

  public void delete(String range) {
    if (!access.require("admin", "configuration.bin-range.delete", range)) {
      return;
    }
    try {
      banks.deleteBinRange(range, access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "BIN " + range + " deleted", "");
    } catch (UnknownItem e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Not deleted", e.getMessage());
    }
    load();
  }

  public List<BinRange> getRows() { return rows; }
  public List<String> getIssuers() { return issuers; }
  public String getPrefix() { return prefix; }
  public void setPrefix(String prefix) { this.prefix = prefix; }
  public String getIssuerId() { return issuerId; }
  public void setIssuerId(String issuerId) { this.issuerId = issuerId; }
}
