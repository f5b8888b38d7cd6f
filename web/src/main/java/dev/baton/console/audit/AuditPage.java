package dev.baton.console.audit;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.audit.AuditEvent;
import dev.baton.operations.audit.AuditLog;
import dev.baton.operations.audit.SwitchoverRecord;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The audit log and the move history pages: a filter, and what it selects, newest first. */
@Named
@ViewScoped
public class AuditPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private AuditLog audit;
  @Inject private ConsoleAccess access;

  private final HistoryQuery query = new HistoryQuery();
  private List<AuditEvent> events = List.of();
  private List<SwitchoverRecord> moves = List.of();
  private String failure;

  @PostConstruct
  void load() {
    search();
  }

  /** Reads again with the filter as it is. */
  public void search() {
    String problem = query.problem();
    if (problem != null) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_ERROR, "Time range", problem);
      return;
    }
    failure = null;
    try {
      moves = audit.moves(query.filter());
      events = access.isAdmin() ? audit.events(query.filter()) : List.of();
    } catch (RuntimeException e) {
      failure = e.getMessage();
    }
  }

  public HistoryQuery getQuery() { return query; }
  public List<AuditEvent> getEvents() { return events; }
  public List<SwitchoverRecord> getMoves() { return moves; }
  public String getFailure() { return failure; }
}
