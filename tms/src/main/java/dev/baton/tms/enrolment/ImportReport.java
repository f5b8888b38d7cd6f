package dev.baton.tms.enrolment;

import java.util.List;

/**
 * The outcome of an enrolment: every refused row with its reason, and the activation code of
 * every enrolled terminal (shown this once; only its hash is kept).
 *
 * @param rows rows in the file
 * @param enrolled terminals enrolled (0 when the file was refused as a whole)
 * @param problems refused rows, by line
 * @param codes one per enrolled terminal
 */
public record ImportReport(int rows, int enrolled, List<RowProblem> problems, List<IssuedCode> codes) {

  /** The activation code issued to one enrolled terminal. */
  public record IssuedCode(long terminalId, String serialNumber, String tid, String activationCode) {}

  public boolean complete() {
    return problems.isEmpty();
  }
}
