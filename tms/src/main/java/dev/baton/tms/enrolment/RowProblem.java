package dev.baton.tms.enrolment;

/**
 * Why one row of an enrolment file was refused.
 *
 * @param line the line of the file (the header is line 1)
 * @param field the column at fault, or {@code row} when the row as a whole is
 * @param reason what is wrong, in words an operator acts on
 */
public record RowProblem(int line, String field, String reason) {

  @Override
  public String toString() {
    return "line " + line + ", " + field + ": " + reason;
  }
}
