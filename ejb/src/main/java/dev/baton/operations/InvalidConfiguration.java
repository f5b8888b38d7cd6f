package dev.baton.operations;

import jakarta.ejb.ApplicationException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration change refused because some of its fields are wrong; nothing was saved. Each
 * message belongs to one field, by the field's name in the form and in the API's JSON.
 */
@ApplicationException(rollback = true)
public class InvalidConfiguration extends Exception {

  private final Map<String, String> fieldErrors;

  public InvalidConfiguration(Map<String, String> fieldErrors) {
    super(fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public static InvalidConfiguration of(String field, String message) {
    return new InvalidConfiguration(Map.of(field, message));
  }

  /** Field name to message. */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
