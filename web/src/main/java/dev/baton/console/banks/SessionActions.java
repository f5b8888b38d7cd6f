package dev.baton.console.banks;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.UnknownItem;
import dev.baton.operations.sessions.SessionControl;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** An operator's enable, disable and disconnect of a bank session, from the dashboard. */
@Named
@RequestScoped
public class SessionActions {

  @EJB private SessionControl sessions;
  @Inject private ConsoleAccess access;

  public void enable(String sessionId) {
    if (access.require("operator", "session.enable", sessionId)) {
      run(sessionId, "enabled", () -> sessions.enable(sessionId, access.actor()));
    }
  }

  public void disable(String sessionId) {
    if (access.require("operator", "session.disable", sessionId)) {
      run(sessionId, "disabled", () -> sessions.disable(sessionId, access.actor()));
    }
  }

  public void disconnect(String sessionId) {
    if (access.require("operator", "session.disconnect", sessionId)) {
      run(sessionId, "disconnected", () -> sessions.disconnect(sessionId, access.actor()));
    }
  }

  private interface Action {
    void run() throws UnknownItem;
  }

  private static void run(String sessionId, String done, Action action) {
    try {
      action.run();
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Session " + sessionId, done);
    } catch (UnknownItem e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_ERROR, "Session " + sessionId, e.getMessage());
    } catch (RuntimeException e) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_ERROR, "Session " + sessionId + " not " + done, e.getMessage());
    }
  }
}
