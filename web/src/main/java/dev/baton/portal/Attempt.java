package dev.baton.portal;

import dev.baton.tms.db.DatabaseException;
import dev.baton.tms.db.InvalidInput;
import dev.baton.tms.db.NotBound;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.enrolment.RowProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * Runs a call to the terminal management services from a page and turns its refusal into a
 * message: an invalid field beside its input (the form's inputs carry the services' field names
 * as ids), anything else at the top of the page. Nothing a service throws reaches the page as a
 * stack trace.
 */
public final class Attempt {

  private static final Logger LOG = System.getLogger(Attempt.class.getName());

  /** A call to the services; may read a file. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws IOException;
  }

  /** A call to the services that answers nothing. */
  @FunctionalInterface
  public interface Action {
    void run() throws IOException;
  }

  private Attempt() {}

  /**
   * The call's answer, or empty when it was refused (and the refusal is on the page).
   *
   * @param form the id of the form whose inputs are named like the services' fields
   */
  public static <T> Optional<T> of(String form, Call<T> call) {
    try {
      return Optional.ofNullable(call.run());
    } catch (InvalidInput invalid) {
      refused(form, List.of(new RowProblem(1, invalid.field(), invalid.reason())));
    } catch (NotFound missing) {
      tell(FacesMessage.SEVERITY_WARN, "Not found", missing.getMessage());
    } catch (NotBound unbound) {
      tell(FacesMessage.SEVERITY_ERROR, "Not allowed", unbound.getMessage());
    } catch (DatabaseException failed) {
      LOG.log(Level.ERROR, "terminal management database failure", failed);
      tell(FacesMessage.SEVERITY_ERROR, "Not done", "The database failed; nothing was changed.");
    } catch (IOException unreadable) {
      tell(FacesMessage.SEVERITY_ERROR, "Not done", "The file could not be read or stored: " + unreadable.getMessage());
    }
    FacesContext.getCurrentInstance().validationFailed();
    return Optional.empty();
  }

  /** Whether the action was done (when not, the refusal is on the page). */
  public static boolean run(String form, Action action) {
    return of(form, () -> {
      action.run();
      return Boolean.TRUE;
    }).isPresent();
  }

  /** A message at the top of the page. */
  public static void tell(FacesMessage.Severity severity, String summary, String detail) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
  }

  /**
   * Puts each problem beside the input of {@code form} named like its field (at the top of the
   * page when the form has no such input), under one message saying nothing was changed.
   */
  public static void refused(String form, List<RowProblem> problems) {
    FacesContext context = FacesContext.getCurrentInstance();
    for (RowProblem problem : problems) {
      String id = form + ":" + problem.field();
      boolean present = context.getViewRoot().findComponent(":" + id) != null;
      String text = present ? problem.reason() : problem.field() + ": " + problem.reason();
      context.addMessage(present ? id : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    }
    tell(FacesMessage.SEVERITY_ERROR, "Not done", "Correct what is marked; nothing was changed.");
    context.validationFailed();
  }
}
