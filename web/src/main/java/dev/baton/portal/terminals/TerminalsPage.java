package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.terminal.FleetStructure;
import dev.baton.tms.terminal.TerminalQuery;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalView;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminals page: the tenant's terminals that the search selects (part of a serial number or
 * TID, status, group), a hundred at a time, with their status actions.
 */
@Named
@ViewScoped
public class TerminalsPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int PAGE = 100;

  @Inject private PortalOperator operator;

  private String text;
  private TerminalStatus status;
  private Long groupId;
  private List<TerminalView> rows = new ArrayList<>();
  private boolean more;
  private List<FleetStructure.Item> groups = List.of();

  @PostConstruct
  void load() {
    groups = Attempt.of("terminals", () -> operator.tms().fleet().groups(operator.scope())).orElse(List.of());
  }

  /** Reads the first page again with the search as it is. */
  public void search() {
    rows = new ArrayList<>();
    readPage(0);
  }

  public void showMore() {
    readPage(rows.isEmpty() ? 0 : rows.getLast().id());
  }

  public void block(long terminalId) {
    change(terminalId, TerminalStatus.BLOCKED);
  }

  public void unblock(long terminalId) {
    change(terminalId, TerminalStatus.ACTIVE);
  }

  public void decommission(long terminalId) {
    change(terminalId, TerminalStatus.DECOMMISSIONED);
  }

  private void change(long terminalId, TerminalStatus target) {
    StatusChanges.apply(operator, "terminals", terminalId, target, null)
        .ifPresent(changed -> rows.replaceAll(row -> row.id() == changed.id() ? changed : row));
  }

  private void readPage(long afterId) {
    TerminalQuery query = new TerminalQuery(text, status, groupId);
    Attempt.of("terminals", () -> operator.tms().terminals().search(operator.scope(), query, afterId, PAGE + 1)).ifPresent(page -> {
      more = page.size() > PAGE;
      rows.addAll(more ? page.subList(0, PAGE) : page);
    });
  }

  public List<TerminalView> getRows() { return rows; }
  public boolean isMore() { return more; }
  public List<FleetStructure.Item> getGroups() { return groups; }
  public TerminalStatus[] getStatuses() { return TerminalStatus.values(); }
  public String getText() { return text; }
  public void setText(String text) { this.text = text; }
  public TerminalStatus getStatus() { return status; }
  public void setStatus(TerminalStatus status) { this.status = status; }
  public Long getGroupId() { return groupId; }
  public void setGroupId(Long groupId) { this.groupId = groupId; }
}
