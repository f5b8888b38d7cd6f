package dev.baton.console;

import dev.baton.operations.audit.AuditLog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the signed-in person may do. Pages hide what a role may not do with {@link #may}; actions
 * check again with {@link #require}, which refuses on the page (and in the audit log) whatever a
 * hand-made request asks.
 */
@Named
@RequestScoped
public class ConsoleAccess {

  @Inject private HttpServletRequest request;

  @EJB private AuditLog audit;

  public boolean may(String role) {
    return request.isUserInRole(role);
  }

  public boolean isOperator() {
    return may("operator");
  }

  public boolean isAdmin() {
    return may("admin");
  }

  /** The signed-in user's name, the actor of every audit event. */
  public String actor() {
    return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
  }

  /**
   * Whether the person holds {@code role}; if not, says so on the page and records the refusal.
   *
   * @param action the audit action refused, e.g. {@code bank.move}
   * @param subject what it was about
   */
  public boolean require(String role, String action, String subject) {
    if (may(role)) {
      return true;
    }
    audit.record(actor(), action, subject, "refused: the " + role + " role is needed", "REFUSED");
    FacesContext.getCurrentInstance().addMessage(null,
        new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not allowed", "This needs the " + role + " role."));
    return false;
  }

  /** Shows a message to the person on the page, not tied to a field. */
  public static void tell(FacesMessage.Severity severity, String summary, String detail) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
  }
}
