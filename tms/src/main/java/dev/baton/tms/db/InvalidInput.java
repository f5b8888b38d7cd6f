package dev.baton.tms.db;

/** The caller's input was refused before anything changed: which field, and why. */
public final class InvalidInput extends RuntimeException {

  private final String field;

  public InvalidInput(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
