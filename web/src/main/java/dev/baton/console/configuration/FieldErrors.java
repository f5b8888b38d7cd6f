package dev.baton.console.configuration;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.InvalidConfiguration;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Puts a refused change's messages on the form's fields, so each shows beside its input. */
final class FieldErrors {

  private FieldErrors() {}

  /**
   * @param form the form's id; its inputs have the field names as ids
   */
  static void show(String form, InvalidConfiguration refusal) {
    FacesContext context = FacesContext.getCurrentInstance();
    refusal.fieldErrors().forEach((field, message) ->
        context.addMessage(form + ":" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message)));
    context.validationFailed();
    ConsoleAccess.tell(FacesMessage.SEVERITY_ERROR, "Not saved", "Correct the fields marked; nothing was changed.");
  }
}
