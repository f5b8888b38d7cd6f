package dev.baton.tms.terminal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalStatusTest {

  @Test
  void aDecommissionedTerminalNeverComesBack() {
    for (TerminalStatus status : TerminalStatus.values()) {
      assertFalse(TerminalStatus.DECOMMISSIONED.canMoveTo(status));
    }
  }

  @Test
  void aBlockedTerminalIsUnblockedToActive() {
    assertTrue(TerminalStatus.BLOCKED.canMoveTo(TerminalStatus.ACTIVE));
    assertTrue(TerminalStatus.ACTIVE.canMoveTo(TerminalStatus.BLOCKED));
    assertFalse(TerminalStatus.ACTIVE.canMoveTo(TerminalStatus.REGISTERED));
  }
}
