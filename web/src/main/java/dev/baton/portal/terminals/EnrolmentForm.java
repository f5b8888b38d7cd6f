package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.enrolment.EnrolmentRow;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Enrolment of one terminal: every problem of the form beside its field (a serial number or TID
 * enrolled already included), and on success the terminal's one-time activation code, shown
 * this once (only its hash is kept).
 */
@Named
@ViewScoped
public class EnrolmentForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private String serialNumber;
  private String model;
  private String tid;
  private String mid;
  private String site;
  private String group;
  private String tags;
  private ImportReport.IssuedCode issued;
  private List<FleetStructure.Item> models = List.of();
  private List<FleetStructure.Merchant> merchants = List.of();
  private List<FleetStructure.Item> groups = List.of();

  @PostConstruct
  void load() {
    FleetStructure fleet = operator.tms().fleet();
    models = Attempt.of("enrol", () -> fleet.models(operator.scope())).orElse(List.of());
    merchants = Attempt.of("enrol", () -> fleet.merchants(operator.scope())).orElse(List.of());
    groups = Attempt.of("enrol", () -> fleet.groups(operator.scope())).orElse(List.of());
  }

  public void enrol() {
    issued = null;
    EnrolmentRow row = new EnrolmentRow(1, strip(serialNumber), strip(model), upper(tid), upper(mid), strip(site), strip(group),
        tags == null ? List.of() : Arrays.stream(tags.split("[,;]")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList());
    Attempt.of("enrol", () -> operator.tms().enrolment().enrolRow(operator.scope(), row)).ifPresent(report -> {
      if (!report.complete()) {
        Attempt.refused("enrol", report.problems());
        return;
      }
      issued = report.codes().getFirst();
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Terminal " + issued.serialNumber() + " enrolled",
          "Give the terminal its activation code now: it is shown only this once.");
      serialNumber = null;
      tid = null;
      site = null;
      tags = null;
    });
  }

  /** The operator has noted the code: it goes from the page for good. */
  public void forgetCode() {
    issued = null;
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  private static String upper(String value) {
    return strip(value).toUpperCase(Locale.ROOT);
  }

  public ImportReport.IssuedCode getIssued() { return issued; }
  public List<FleetStructure.Item> getModels() { return models; }
  public List<FleetStructure.Merchant> getMerchants() { return merchants; }
  public List<FleetStructure.Item> getGroups() { return groups; }
  public String getSerialNumber() { return serialNumber; }
  public void setSerialNumber(String serialNumber) { this.serialNumber = serialNumber; }
  public String getModel() { return model; }
  public void setModel(String model) { this.model = model; }
  public String getTid() { return tid; }
  public void setTid(String tid) { this.tid = tid; }
  public String getMid() { return mid; }
  public void setMid(String mid) { this.mid = mid; }
  public String getSite() { return site; }
  public void setSite(String site) { this.site = site; }
  public String getGroup() { return group; }
  public void setGroup(String group) { this.group = group; }
  public String getTags() { return tags; }
  public void setTags(String tags) { this.tags = tags; }
}
