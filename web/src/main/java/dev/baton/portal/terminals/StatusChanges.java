package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.terminal.TerminalStatus;
import dev.baton.tms.terminal.TerminalView;
import jakarta.faces.application.FacesMessage;
import java.util.Optional;

/** Blocks, unblocks or decommissions a terminal for the operator, and says what became of it. */
final class StatusChanges {

  private StatusChanges() {}

  /** The terminal as it is now, or empty when the change was refused (the refusal is on the page). */
  static Optional<TerminalView> apply(PortalOperator operator, String form, long terminalId, TerminalStatus target, String reason) {
    Optional<TerminalView> changed = Attempt.of(form,
        () -> operator.tms().terminals().changeStatus(operator.scope(), terminalId, target, reason == null || reason.isBlank() ? null : reason.strip()));
    changed.ifPresent(terminal -> Attempt.tell(FacesMessage.SEVERITY_INFO, "Terminal " + terminal.serialNumber() + " is " + terminal.status(),
        switch (target) {
          case BLOCKED -> "It cannot call the terminal API until it is unblocked.";
          case ACTIVE -> "It may call the terminal API again.";
          case DECOMMISSIONED -> "Its open tasks are cancelled; this cannot be undone.";
          case REGISTERED -> "";
        }));
    return changed;
  }
}
