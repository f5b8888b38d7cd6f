package dev.baton.tms.enrolment;

import java.util.List;

/**
 * One terminal to enrol, as the operator gave it: codes and names, not ids.
 *
 * @param line where it came from (1 for a single enrolment)
 * @param serialNumber the vendor's serial number
 * @param model the terminal model's code
 * @param tid the terminal id the switch sees in field 41
 * @param mid the merchant id (field 42) of an existing merchant of the tenant
 * @param site an existing site code of that merchant, or empty
 * @param group an existing group of the tenant, or empty
 * @param tags tag names, created when new
 */
public record EnrolmentRow(
    int line, String serialNumber, String model, String tid, String mid, String site, String group, List<String> tags) {

  public EnrolmentRow {
    site = site == null ? "" : site;
    group = group == null ? "" : group;
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
