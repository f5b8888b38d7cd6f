package dev.baton.switchover;

import jakarta.ejb.Local;
import java.util.List;

/** Moves banks' traffic between the processing nodes, for operators and for failover. */
@Local
public interface BankMoves {

  /**
   * Moves one bank to node {@code to} ("A" or "B"). A bank on that node already is left alone
   * (outcome {@code NOOP}).
   *
   * @param actor who asked (a user name, or {@code failover})
   */
  MoveResult move(String bankId, String to, String actor) throws MoveRefusedException;

  /** Moves every bank that is not on {@code to}, one after the other. */
  List<MoveResult> moveAll(String to, String actor) throws MoveRefusedException;
}
