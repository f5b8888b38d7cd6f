package dev.baton.console.configuration;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.InvalidConfiguration;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.configuration.BankConfiguration;
import dev.baton.operations.configuration.BankSettings;
import dev.baton.operations.configuration.SessionConfiguration;
import dev.baton.operations.configuration.SessionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The sessions page: every configured session, and a form to add or change one. */
@Named
@ViewScoped
public class SessionsForm implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private SessionConfiguration sessions;
  @EJB private BankConfiguration banks;
  @Inject private ConsoleAccess access;

  private List<SessionSettings> rows;
  private List<String> bankIds;
  private SessionDraft draft;

  @PostConstruct
  void load() {
    rows = sessions.sessions();
    bankIds = banks.banks().stream().map(BankSettings::id).toList();
  }

  public void startNew() {
    draft = SessionDraft.of(SessionSettings.listening("", bankIds.isEmpty() ? "" : bankIds.getFirst(), "127.0.0.1", 0));
    draft.setCreating(true);
  }

  public void edit(SessionSettings session) {
    draft = SessionDraft.of(session);
  }

  public void cancel() {
    draft = null;
  }

  public void save() {
    if (!access.require("admin", "configuration.session.save", draft == null ? "" : draft.getId())) {
      return;
    }
    try {
      SessionSettings saved = sessions.save(draft.settings(), access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Session " + saved.id() + " saved", "The adapter runs it as saved now.");
      draft = null;
      load();
    } catch (InvalidConfiguration refusal) {
      FieldErrors.show("sessionForm", refusal);
    }
  }

  public void delete(String id) {
    if (!access.require("admin", "configuration.session.delete", id)) {
      return;
    }
    try {
      sessions.delete(id, access.actor());
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Session " + id + " deleted", "Its connection is closed.");
    } catch (UnknownItem e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Not deleted", e.getMessage());
    }
    load();
  }

  public List<SessionSettings> getRows() {
    return rows;
  }

  public List<String> getBankIds() {
    return bankIds;
  }

  public SessionDraft getDraft() {
    return draft;
  }
}
