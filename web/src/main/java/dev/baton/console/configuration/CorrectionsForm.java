package dev.baton.console.configuration;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.configuration.BankConfiguration;
import dev.baton.operations.configuration.BankSettings;
import dev.baton.operations.configuration.CorrectionConfiguration;
import dev.baton.operations.configuration.FieldCorrection;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The field corrections page: every rule, a form to add or change one, and deletion. */
@Named
@ViewScoped
public class CorrectionsForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private CorrectionConfiguration corrections;
  @EJB private BankConfiguration banks;
  @Inject private ConsoleAccess access;

  private List<FieldCorrection> rows;
  private List<String> bankIds;
  private boolean editing;
  private Long id;
  private String bankId;
  private String direction;
  private Integer position;
  private String action;
  private Integer field;
  private String value;
  private Integer fromField;
  private String padSide;
  private String padChar;
  private Integer padLength;
  private boolean enabled;

  @PostConstruct
  void load() {
    rows = corrections.rules();
    bankIds = banks.banks().stream().map(BankSettings::id).toList();
  }

  public void startNew() {
    fill(new FieldCorrection(null, bankIds.isEmpty() ? null : bankIds.getFirst(), "INBOUND", 0, "SET", 2, null, null, null, null, null, true));
  }

  public void edit(FieldCorrection rule) {
    fill(rule);
  }

  public void cancel() {
    editing = false;
  }

  public void save() {
    if (!access.require("admin", "field-correction.save", bankId)) {
      return;
    }
    try {
      FieldCorrection saved = corrections.save(new FieldCorrection(id, bankId, direction, position == null ? 0 : position, action,
          field == null ? -1 : field, value, fromField, padSide, padChar, padLength, enabled), access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Rule #" + saved.id() + " saved", "The nodes apply it within seconds.");
      editing = false;
      load();
    } catch (InvalidConfiguration refusal) {
      FieldErrors.show("ruleForm", refusal);
    } catch (UnknownItem e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Not saved", e.getMessage());
    }
  }

  public void delete(long ruleId) {
    if (!access.require("admin", "field-correction.delete", Long.toString(ruleId))) {
      return;
    }
    try {
      corrections.delete(ruleId, access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Rule #" + ruleId + " deleted", "");
    } catch (UnknownItem e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Not deleted", e.getMessage());
    }
    load();
  }

  private void fill(FieldCorrection rule) {
    editing = true;
    id = rule.id();
    bankId = rule.bankId();
    direction = rule.direction();
    position = rule.position();
    action = rule.action();
    field = rule.field();
    value = rule.value();
    fromField = rule.fromField();
    padSide = rule.padSide();
    padChar = rule.padChar();
    padLength = rule.padLength();
    enabled = rule.enabled();
  }

  public List<FieldCorrection> getRows() { return rows; }
  public List<String> getBankIds() { return bankIds; }
  public boolean isEditing() { return editing; }
  public Long getId() { return id; }
  public String getBankId() { return bankId; }
  public void setBankId(String bankId) { this.bankId = bankId; }
  public String getDirection() { return direction; }
  public void setDirection(String direction) { this.direction = direction; }
  public Integer getPosition() { return position; }
  public void setPosition(Integer position) { this.position = position; }
  public String getAction() { return action; }
  public void setAction(String action) { this.action = action; }
  public Integer getField() { return field; }
  public void setField(Integer field) { this.field = field; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
  public Integer getFromField() { return fromField; }
  public void setFromField(Integer fromField) { this.fromField = fromField; }
  public String getPadSide() { return padSide; }
  public void setPadSide(String padSide) { this.padSide = padSide; }
  public String getPadChar() { return padChar; }
  public void setPadChar(String padChar) { this.padChar = padChar; }
  public Integer getPadLength() { return padLength; }
  public void setPadLength(Integer padLength) { this.padLength = padLength; }
  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
