package dev.baton.console.banks;

import dev.baton.switchover.BankMoves;
import dev.baton.switchover.MoveRefusedException;
import dev.baton.switchover.MoveResult;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's bank moves, run in the background one bank after the other, with each bank's
 * progress kept here for every open browser to show. A request answers at once; the dashboard's
 * refresh shows "moving", then the result, in the bank's row.
 */
@Named
@ApplicationScoped
public class MoveBoard {

  private static final Logger LOG = System.getLogger(MoveBoard.class.getName());

  @EJB private BankMoves moves;

  @Resource private ManagedExecutorService executor;

  private final Map<String, MoveProgress> progress = new ConcurrentHashMap<>();

  /** The bank's latest move from the console, if any. */
  public Optional<MoveProgress> of(String bankId) {
    return Optional.ofNullable(progress.get(bankId));
  }

  /** Whether a move of the bank is waiting or running. */
  public boolean busy(String bankId) {
    return of(bankId).map(MoveProgress::running).orElse(false);
  }

  /**
   * Queues moves of {@code bankIds} to {@code to}, in order, in {@code actor}'s name (the
   * switchover audits each); banks with a move under way are left out.
   *
   * @return the banks queued
   */
  public List<String> start(List<String> bankIds, String to, String actor) {
    List<String> queued = bankIds.stream().filter(bank -> !busy(bank)).toList();
    for (String bank : queued) {
      progress.put(bank, new MoveProgress(bank, to, "WAITING", "waiting to move to " + to, actor, Instant.now()));
    }
    if (!queued.isEmpty()) {
      executor.submit(() -> queued.forEach(bank -> moveOne(bank, to, actor)));
    }
    return queued;
  }

  private void moveOne(String bank, String to, String actor) {
    progress.put(bank, new MoveProgress(bank, to, "MOVING", "moving to " + to + " …", actor, Instant.now()));
    MoveProgress done;
    try {
      MoveResult result = moves.move(bank, to, actor);
      done = switch (result.outcome()) {
        case MoveResult.NOOP -> new MoveProgress(bank, to, "NOOP", "already on " + to, actor, Instant.now());
        case MoveResult.ROLLED_BACK -> new MoveProgress(bank, to, "ROLLED_BACK", "stayed on " + result.to() + ": node "
            + to + " did not take the in-flight authorizations in time; nothing lost, try again", actor, Instant.now());
        default -> new MoveProgress(bank, to, "MOVED", "moved " + result.from() + " → " + result.to() + " in "
              + result.durationMillis() + " ms, " + result.contextsHandedOver() + " in flight handed over", actor, Instant.now());
      };
    } catch (MoveRefusedException e) {
      done = new MoveProgress(bank, to, "REFUSED", "refused: " + e.getMessage(), actor, Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "bank {0}: move to {1} failed: {2}", bank, to, e.getMessage());
      done = new MoveProgress(bank, to, "FAILED", "failed: " + e.getMessage(), actor, Instant.now());
    }
    progress.put(bank, done);
  }
}
